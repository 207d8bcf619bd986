CREATE TABLE `accounts` (
	`account_number` text PRIMARY KEY NOT NULL,
	`customer_class` text NOT NULL,
	`class_label` text NOT NULL,
	`name` text NOT NULL,
	`phone` text NOT NULL,
	`address` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `application_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`application_number` text NOT NULL,
	`stage` text NOT NULL,
	`started_on` text NOT NULL,
	`note` text,
	FOREIGN KEY (`application_number`) REFERENCES `applications`(`number`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `application_events_number` ON `application_events` (`application_number`);--> statement-breakpoint
CREATE TABLE `applications` (
	`number` text PRIMARY KEY NOT NULL,
	`account_number` text NOT NULL,
	`kind` text NOT NULL,
	`accepted_on` text NOT NULL,
	`current_stage` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`account_number`) REFERENCES `accounts`(`account_number`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `bills` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_number` text NOT NULL,
	`period` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`usage_kwh` integer,
	`due_date` text,
	`status` text NOT NULL,
	`paid_at` integer,
	FOREIGN KEY (`account_number`) REFERENCES `accounts`(`account_number`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bills_account_period` ON `bills` (`account_number`,`period`);--> statement-breakpoint
CREATE TABLE `conversations` (
	`id` text PRIMARY KEY NOT NULL,
	`channel` text NOT NULL,
	`user_id` text NOT NULL,
	`flow_state` text,
	`mode` text DEFAULT 'bot' NOT NULL,
	`unanswered_streak` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `conversations_channel_user` ON `conversations` (`channel`,`user_id`);--> statement-breakpoint
CREATE TABLE `messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`conversation_id` text NOT NULL,
	`role` text NOT NULL,
	`text` text NOT NULL,
	`intent` text,
	`sources` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `messages_conversation` ON `messages` (`conversation_id`,`id`);--> statement-breakpoint
CREATE TABLE `ratings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`conversation_id` text NOT NULL,
	`score` integer NOT NULL,
	`comment` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE no action
);
