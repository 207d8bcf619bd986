CREATE TABLE `case_deadlines` (
	`ticket_id` text NOT NULL,
	`name` text NOT NULL,
	`due_at` integer NOT NULL,
	`met` integer DEFAULT false NOT NULL,
	`escalated` text DEFAULT 'none' NOT NULL,
	PRIMARY KEY(`ticket_id`, `name`),
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `case_deadlines_due` ON `case_deadlines` (`escalated`,`due_at`) WHERE met = 0;--> statement-breakpoint
CREATE TABLE `tallies` (
	`name` text PRIMARY KEY NOT NULL,
	`n` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
DROP INDEX `conversations_handoff_queue`;--> statement-breakpoint
CREATE INDEX `conversations_handoff_queue` ON `conversations` (`mode`,`handoff_since`,`id`);--> statement-breakpoint
DROP INDEX `tickets_status`;--> statement-breakpoint
ALTER TABLE `tickets` ADD `next_due_at` integer;--> statement-breakpoint
ALTER TABLE `tickets` ADD `followed_up_at` integer;--> statement-breakpoint
ALTER TABLE `tickets` ADD `rated_at` integer;--> statement-breakpoint
CREATE INDEX `tickets_newest` ON `tickets` (`accepted_at`,`id`);--> statement-breakpoint
CREATE INDEX `tickets_kind` ON `tickets` (`kind`,`accepted_at`,`id`);--> statement-breakpoint
CREATE INDEX `tickets_next_due` ON `tickets` (`next_due_at`,`id`) WHERE next_due_at is not null;--> statement-breakpoint
CREATE INDEX `tickets_phone` ON `tickets` (`contact_phone`,`accepted_at`);--> statement-breakpoint
CREATE INDEX `tickets_account` ON `tickets` (`account_number`,`accepted_at`);--> statement-breakpoint
CREATE INDEX `tickets_unanswered` ON `tickets` (`followed_up_at`) WHERE followed_up_at is not null and rated_at is null;--> statement-breakpoint
CREATE INDEX `tickets_status` ON `tickets` (`status`,`accepted_at`,`id`);--> statement-breakpoint
-- Backfill (written by hand, after drizzle-kit's part): each case's deadlines as rows, met by the
-- status that meets each (vocabulary/case-kinds.ts DEADLINE_TABLE; all of them once closed), and
-- escalated as far as its events say.
INSERT INTO `case_deadlines` (`ticket_id`, `name`, `due_at`, `met`, `escalated`)
SELECT t.`id`, d.`key`, d.`value`,
  CASE
    WHEN t.`status` = 'closed' THEN 1
    WHEN d.`key` IN ('contactDueAt', 'arriveDueAt', 'callbackDueAt') THEN t.`status` IN ('contacted', 'replied')
    WHEN d.`key` IN ('replyDueAt', 'resultDueAt') THEN t.`status` = 'replied'
    ELSE 0
  END,
  CASE
    WHEN EXISTS (SELECT 1 FROM `ticket_events` e WHERE e.`ticket_id` = t.`id` AND e.`deadline` = d.`key` AND e.`type` = 'overdue') THEN 'overdue'
    WHEN EXISTS (SELECT 1 FROM `ticket_events` e WHERE e.`ticket_id` = t.`id` AND e.`deadline` = d.`key` AND e.`type` = 'due_soon') THEN 'due_soon'
    ELSE 'none'
  END
FROM `tickets` t, json_each(t.`deadlines`) d;
--> statement-breakpoint
UPDATE `tickets` SET `next_due_at` = (SELECT min(`due_at`) FROM `case_deadlines` d WHERE d.`ticket_id` = `tickets`.`id` AND d.`met` = 0);
--> statement-breakpoint
UPDATE `tickets` SET `followed_up_at` = (SELECT min(e.`at`) FROM `ticket_events` e WHERE e.`ticket_id` = `tickets`.`id` AND e.`type` = 'follow_up');
--> statement-breakpoint
UPDATE `tickets` SET `rated_at` = (SELECT min(r.`created_at`) FROM `ratings` r WHERE r.`ticket_id` = `tickets`.`id`);
--> statement-breakpoint
INSERT INTO `tallies` (`name`, `n`) SELECT 'cases:' || `kind` || ':' || `status`, count(*) FROM `tickets` GROUP BY `kind`, `status`;
--> statement-breakpoint
INSERT INTO `tallies` (`name`, `n`) SELECT 'follow_ups', count(*) FROM `tickets` WHERE `followed_up_at` IS NOT NULL;
--> statement-breakpoint
INSERT INTO `tallies` (`name`, `n`) SELECT 'follow_ups_answered', count(*) FROM `tickets` WHERE `followed_up_at` IS NOT NULL AND `rated_at` IS NOT NULL;
--> statement-breakpoint
INSERT INTO `tallies` (`name`, `n`) SELECT 'ratings', count(*) FROM `ratings`;
--> statement-breakpoint
INSERT INTO `tallies` (`name`, `n`) SELECT 'ratings_satisfied', count(*) FROM `ratings` WHERE `score` >= 4;
