CREATE TABLE `outage_areas` (
	`area` text NOT NULL,
	`outage_id` text NOT NULL,
	`starts_at` integer NOT NULL,
	`until` integer NOT NULL,
	`open` integer NOT NULL,
	PRIMARY KEY(`outage_id`, `area`),
	FOREIGN KEY (`outage_id`) REFERENCES `outages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `outage_areas_lookup` ON `outage_areas` (`area`,`open`,`until`);--> statement-breakpoint
CREATE INDEX `outage_areas_list` ON `outage_areas` (`area`,`starts_at`,`outage_id`);--> statement-breakpoint
CREATE INDEX `outage_areas_open_list` ON `outage_areas` (`area`,`open`,`starts_at`,`outage_id`);--> statement-breakpoint
CREATE TABLE `outage_links` (
	`outage_id` text NOT NULL,
	`conversation_id` text NOT NULL,
	`linked_at` integer NOT NULL,
	`told_version` integer NOT NULL,
	PRIMARY KEY(`outage_id`, `conversation_id`),
	FOREIGN KEY (`outage_id`) REFERENCES `outages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `outage_links_to_tell` ON `outage_links` (`outage_id`,`told_version`,`conversation_id`);--> statement-breakpoint
CREATE TABLE `outage_notices` (
	`outage_id` text NOT NULL,
	`stage` text NOT NULL,
	`conversation_id` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`outage_id`, `stage`, `conversation_id`),
	FOREIGN KEY (`outage_id`) REFERENCES `outages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `outage_opt_outs` (
	`channel` text NOT NULL,
	`user_id` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`channel`, `user_id`)
);
--> statement-breakpoint
CREATE TABLE `outages` (
	`id` text PRIMARY KEY NOT NULL,
	`number` text NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`areas` text NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer,
	`expected_restore_at` integer,
	`reason` text NOT NULL,
	`note` text,
	`closed_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`linked` integer DEFAULT 0 NOT NULL,
	`notified` integer DEFAULT 0 NOT NULL,
	`tell_pending` integer DEFAULT false NOT NULL,
	`days_before_done` integer DEFAULT false NOT NULL,
	`day_before_done` integer DEFAULT false NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outages_number` ON `outages` (`number`);--> statement-breakpoint
CREATE INDEX `outages_newest` ON `outages` (`starts_at`,`id`);--> statement-breakpoint
CREATE INDEX `outages_status` ON `outages` (`status`,`starts_at`,`id`);--> statement-breakpoint
CREATE INDEX `outages_to_tell` ON `outages` (`updated_at`) WHERE tell_pending = 1;--> statement-breakpoint
ALTER TABLE `accounts` ADD `area` text;--> statement-breakpoint
CREATE INDEX `accounts_area` ON `accounts` (`area`,`account_number`);--> statement-breakpoint
CREATE INDEX `account_bindings_account` ON `account_bindings` (`account_number`);--> statement-breakpoint
-- Backfill (written by hand, after drizzle-kit's part): the demo accounts' supply areas
-- (docs/contract.md), where a database seeded before areas holds them with their demo addresses.
UPDATE `accounts` SET `area` = '城东片区' WHERE `area` IS NULL AND `account_number` IN ('1000000001', '2000000002') AND `address` IN ('幸福路12号3栋201', '幸福路18号');--> statement-breakpoint
UPDATE `accounts` SET `area` = '开发区片区' WHERE `area` IS NULL AND `account_number` = '3000000003' AND `address` = '创业大道88号';
