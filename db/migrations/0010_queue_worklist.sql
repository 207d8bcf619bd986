ALTER TABLE `conversations` ADD `handoff_reason` text;--> statement-breakpoint
CREATE INDEX `conversations_handoff_owner` ON `conversations` (`mode`,`handoff_owner`,`handoff_since`,`id`);--> statement-breakpoint
CREATE INDEX `messages_conversation_role` ON `messages` (`conversation_id`,`role`,`id`);