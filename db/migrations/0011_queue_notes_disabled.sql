CREATE TABLE `staff_notes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`conversation_id` text NOT NULL,
	`staff_id` text NOT NULL,
	`text` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `staff_notes_conversation` ON `staff_notes` (`conversation_id`,`created_at`,`id`);--> statement-breakpoint
ALTER TABLE `conversations` ADD `handoff_reason` text;--> statement-breakpoint
CREATE INDEX `conversations_handoff_owner` ON `conversations` (`mode`,`handoff_owner`,`handoff_since`,`id`);--> statement-breakpoint
ALTER TABLE `staff_users` ADD `disabled_at` integer;--> statement-breakpoint
CREATE INDEX `messages_conversation_role` ON `messages` (`conversation_id`,`role`,`id`);