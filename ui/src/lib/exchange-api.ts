//! Import and export commands. Like `api` in api.ts, each wraps a generated command and returns
//! its data or throws an `ApiFailure`. The files themselves are chosen with native dialogs that
//! Rust opens; the UI never sends a path.
//!
//! `commitImport` reports progress over a Tauri `Channel`, which the bindings take as an
//! argument; it is made here, so that screens only pass a `(done, total) => void` callback.
import { Channel } from "@tauri-apps/api/core";
import { unwrap } from "$lib/api";
import type {
	ColumnMapping,
	ImportOptions,
	ImportProgress,
	ListKind,
	ScheduleFormat,
	TableFormat,
} from "$lib/bindings";
import { commands } from "$lib/bindings";

export type {
	ColumnMapping,
	ImportField,
	ImportOptions,
	ImportReport,
	ImportStart,
	ListKind,
	Preview,
	PreviewRow,
	RowStatus,
	ScheduleFormat,
	Source,
	TableFormat,
} from "$lib/bindings";

/** Called as a commit goes on: `done` of `total` rows written. */
export type OnProgress = (done: number, total: number) => void;

/** The import and export commands, each returning its data or throwing an `ApiFailure`. */
export const exchangeApi = {
	/** Opens the native Open dialog; null when the user cancels it. */
	chooseImportFile: (eventId: string) => unwrap(commands.chooseImportFile(eventId)),
	previewImport: (eventId: string, columns: ColumnMapping[], options: ImportOptions) =>
		unwrap(commands.previewImport(eventId, columns, options)),
	commitImport: (
		eventId: string,
		columns: ColumnMapping[],
		options: ImportOptions,
		validOnly: boolean,
		onprogress: OnProgress,
	) => {
		const channel = new Channel<ImportProgress>();
		channel.onmessage = (progress) => onprogress(progress.done, progress.total);
		return unwrap(commands.commitImport(eventId, columns, options, validOnly, channel));
	},
	cancelImport: () => unwrap(commands.cancelImport()),
	/**
	 * Opens the native Save dialog and writes the list; the saved path, or null if cancelled.
	 * `includeSensitive` adds passport numbers and dates of birth (attendees only); pass true
	 * only after the user confirmed the warning.
	 */
	exportList: (eventId: string, kind: ListKind, format: TableFormat, includeSensitive: boolean) =>
		unwrap(commands.exportList(eventId, kind, format, includeSensitive)),
	/** The programme, or with `personId` one person's agenda; the saved path, or null. */
	exportSchedule: (eventId: string, personId: string | null, format: ScheduleFormat) =>
		unwrap(commands.exportSchedule(eventId, personId, format)),
};
