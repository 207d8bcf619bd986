CREATE TABLE `kb_draft_entries` (
	`entry_id` text PRIMARY KEY NOT NULL,
	`file` text NOT NULL,
	`data` text,
	`updated_at` integer NOT NULL,
	`updated_by` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `kb_draft_out_of_scope` (
	`text` text PRIMARY KEY NOT NULL,
	`added_at` integer NOT NULL,
	`added_by` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `kb_unanswered` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`text` text NOT NULL,
	`reason` text NOT NULL,
	`count` integer NOT NULL,
	`first_at` integer NOT NULL,
	`last_at` integer NOT NULL,
	`resolved_at` integer,
	`resolved_by` text,
	`resolved_entry_id` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `kb_unanswered_key` ON `kb_unanswered` (`key`);--> statement-breakpoint
CREATE INDEX `kb_unanswered_open_last` ON `kb_unanswered` (`resolved_at`,`last_at`);--> statement-breakpoint
CREATE INDEX `kb_unanswered_open_count` ON `kb_unanswered` (`resolved_at`,`count`);--> statement-breakpoint
CREATE TABLE `kb_version_entries` (
	`version` integer NOT NULL,
	`entry_id` text NOT NULL,
	`position` integer NOT NULL,
	`file` text NOT NULL,
	`data` text NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text NOT NULL,
	PRIMARY KEY(`version`, `entry_id`)
);
--> statement-breakpoint
CREATE TABLE `kb_version_out_of_scope` (
	`version` integer NOT NULL,
	`position` integer NOT NULL,
	`text` text NOT NULL,
	PRIMARY KEY(`version`, `position`)
);
--> statement-breakpoint
CREATE TABLE `kb_versions` (
	`number` integer PRIMARY KEY NOT NULL,
	`hash` text NOT NULL,
	`note` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`restored_from` integer
);
