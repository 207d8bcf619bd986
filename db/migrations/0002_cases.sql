CREATE TABLE `ticket_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ticket_id` text NOT NULL,
	`type` text NOT NULL,
	`status` text,
	`deadline` text,
	`note` text,
	`actor` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ticket_events_ticket` ON `ticket_events` (`ticket_id`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `ticket_events_escalation` ON `ticket_events` (`ticket_id`,`type`,`deadline`) WHERE type != 'status';--> statement-breakpoint
CREATE TABLE `tickets` (
	`id` text PRIMARY KEY NOT NULL,
	`number` text NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`description` text NOT NULL,
	`contact_phone` text,
	`account_number` text,
	`address` text,
	`channel` text NOT NULL,
	`user_id` text,
	`conversation_id` text,
	`accepted_at` integer NOT NULL,
	`deadlines` text NOT NULL,
	`calendar_confirmed` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tickets_number` ON `tickets` (`number`);--> statement-breakpoint
CREATE INDEX `tickets_status` ON `tickets` (`status`,`accepted_at`);--> statement-breakpoint
CREATE INDEX `tickets_user` ON `tickets` (`channel`,`user_id`);