//! The backup commands for the dev-only fake core. Nothing is written: "Back up now…" answers
//! as if the user chose a file in the save dialog, "Restore…" as if they chose a valid backup,
//! and the restore keeps the current data. How many automatic backups to keep is checked like
//! the core does (1 to `max_keep`, the error naming `backups_keep`). Never shipped.

import type { BackupSettings, RestoreCandidate } from "$lib/bindings";
import { fail } from "./fake-fail";

const DATA_DIR = "/home/you/.local/share/org.plenary.desktop";

export const BACKUP_COMMANDS = new Set([
	"backup_now",
	"choose_backup_to_restore",
	"restore_chosen_backup",
	"backup_settings",
	"set_backups_keep",
]);

export class FakeBackups {
	#settings: BackupSettings = { keep: 10, max_keep: 100, folder: `${DATA_DIR}/backups` };
	#chosen: RestoreCandidate | null = null;

	handle(cmd: string, a: Record<string, unknown>): unknown {
		switch (cmd) {
			case "backup_now":
				return "/home/you/Documents/plenary-backup-2024-08-20.db";
			case "choose_backup_to_restore":
				this.#chosen = { file_name: "plenary-backup-2024-08-19.db", schema_version: 7 };
				return this.#chosen;
			case "restore_chosen_backup":
				if (!this.#chosen) fail("not_found", "no backup was chosen");
				this.#chosen = null;
				return `${DATA_DIR}/backups/before-restore-2024-08-20T06-30-00.db`;
			case "backup_settings":
				return { ...this.#settings };
			case "set_backups_keep": {
				const keep = a.keep;
				const max = this.#settings.max_keep;
				if (typeof keep !== "number" || !Number.isInteger(keep) || keep < 1 || keep > max) {
					fail("validation", `backups_keep: keep between 1 and ${max} automatic backups`, [
						["backups_keep", `keep between 1 and ${max} automatic backups`],
					]);
				}
				this.#settings = { ...this.#settings, keep };
				return { ...this.#settings };
			}
			default:
				throw new Error(`unknown command ${cmd}`);
		}
	}
}
