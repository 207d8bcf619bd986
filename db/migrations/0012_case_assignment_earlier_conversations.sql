DROP INDEX `account_bindings_account`;--> statement-breakpoint
CREATE INDEX `account_bindings_account_verified` ON `account_bindings` (`account_number`,`verified_at`);--> statement-breakpoint
ALTER TABLE `ticket_events` ADD `assignee` text;--> statement-breakpoint
ALTER TABLE `tickets` ADD `assignee` text;--> statement-breakpoint
-- The live updates' signal of newly overdue cases: one more with each overdue escalation the scanner records.
INSERT INTO `tallies` (`name`, `n`) VALUES ('overdue_escalations', 0) ON CONFLICT DO NOTHING;
