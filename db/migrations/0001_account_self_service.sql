CREATE TABLE `account_bindings` (
	`channel` text NOT NULL,
	`user_id` text NOT NULL,
	`account_number` text NOT NULL,
	`verified_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	PRIMARY KEY(`channel`, `user_id`, `account_number`),
	FOREIGN KEY (`account_number`) REFERENCES `accounts`(`account_number`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `verification_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`channel` text NOT NULL,
	`user_id` text NOT NULL,
	`account_number` text NOT NULL,
	`succeeded` integer NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `verification_attempts_user` ON `verification_attempts` (`channel`,`user_id`,`account_number`,`at`);--> statement-breakpoint
CREATE INDEX `verification_attempts_account` ON `verification_attempts` (`account_number`,`at`);