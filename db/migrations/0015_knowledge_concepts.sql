CREATE TABLE `kb_draft_concepts` (
	`term` text PRIMARY KEY NOT NULL,
	`variants` text,
	`updated_at` integer NOT NULL,
	`updated_by` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `kb_version_concepts` (
	`version` integer NOT NULL,
	`position` integer NOT NULL,
	`term` text NOT NULL,
	`variants` text NOT NULL,
	PRIMARY KEY(`version`, `position`)
);
