//! The one door to Rust. Screens call `api.*`, which unwraps tauri-specta's `Result` and throws
//! an `ApiFailure` on error; `describeFailure` turns any failure into words a user can act on.
//!
//! Nothing here reaches for Tauri's window globals: every call goes through the generated
//! bindings, which use `@tauri-apps/api`.

import {
	type ApiError,
	type AttendeeFilter,
	type AttendeeInput,
	commands,
	type ErrorCode,
	type EventInput,
	type FieldError,
	type SeatingChanges,
	type Section,
	type SensitiveData,
	type ServerLogin,
} from "$lib/bindings";
import { t } from "$lib/i18n";
import { codedText, type MessageParams, renderMessage } from "$lib/messages";

export type * from "$lib/bindings";

/** What each fallible command resolves to (tauri-specta's shape, spelled out here because
 * not every tauri-specta version exports a name for it). */
export type Result<T, E> = { status: "ok"; data: T } | { status: "error"; error: E };

/** `unreachable` means the Rust core could not be called at all (not running in Tauri, IPC down). */
export type FailureCode = ErrorCode | "unreachable";

/**
 * An error from a command, with the code the UI branches on, the message code and parameters
 * it renders from the locale files, and the per-field messages (codes too). `message` is the
 * core's English text, for the console only: nothing here shows it.
 */
export class ApiFailure extends Error {
	readonly code: FailureCode;
	readonly fields: readonly FieldError[];
	/** The key under `messages.` in the locale files, or "" when the core sent none. */
	readonly messageCode: string;
	readonly params: MessageParams;

	constructor(
		code: FailureCode,
		message: string,
		fields: readonly FieldError[] = [],
		messageCode = "",
		params: MessageParams = {},
	) {
		super(message);
		this.name = "ApiFailure";
		this.code = code;
		this.fields = fields;
		this.messageCode = messageCode;
		this.params = params;
	}
}

const CODES: readonly ErrorCode[] = ["validation", "not_found", "conflict", "io", "internal"];

/** True when `value` has the shape of the contract's `ApiError`. */
export function isApiError(value: unknown): value is ApiError {
	if (typeof value !== "object" || value === null) return false;
	const v = value as Record<string, unknown>;
	return (
		typeof v.code === "string" &&
		(CODES as readonly string[]).includes(v.code) &&
		typeof v.message === "string" &&
		(v.fields === undefined || Array.isArray(v.fields))
	);
}

/** Turns whatever a command threw or returned as its error into an `ApiFailure`. */
export function toFailure(error: unknown): ApiFailure {
	if (error instanceof ApiFailure) return error;
	if (isApiError(error)) {
		const fields = (error.fields ?? []).filter(
			(f): f is FieldError => typeof f?.field === "string",
		);
		return new ApiFailure(
			error.code,
			error.message,
			fields,
			typeof error.message_code === "string" ? error.message_code : "",
			typeof error.params === "object" && error.params !== null ? error.params : {},
		);
	}
	// Tauri rejects with a plain string when it cannot even deserialise the arguments.
	if (typeof error === "string") return new ApiFailure("internal", error);
	// The bindings rethrow real Error objects: IPC is missing or the command does not exist.
	if (error instanceof Error) return new ApiFailure("unreachable", error.message);
	return new ApiFailure("internal", "");
}

/** What to tell the user: a summary sentence, and the core's own words when they add to it. */
export type FailureText = { summary: string; detail: string | null };

/**
 * The core's message for a failure in the user's language, as a sentence; "" when the core
 * sent no code (the IPC itself failed). Never the core's English `message`.
 */
export function failureText(failure: ApiFailure): string {
	return failure.messageCode ? sentence(renderMessage(failure.messageCode, failure.params)) : "";
}

/** One field error (or import problem) in the user's language, as a sentence. */
export function fieldText(field: FieldError): string {
	return sentence(codedText(field));
}

/**
 * Words for a failure. `action` says what did not happen ("The attendee was not saved."), the
 * rest says why and what to do next. Never a stack trace, never a bare "Error".
 */
export function describeFailure(error: unknown, action?: string): FailureText {
	const failure = toFailure(error);
	const lead = action ? `${action} ` : "";
	const message = failureText(failure);
	switch (failure.code) {
		case "validation": {
			// The core's summary names fields in snake_case; the form shows each message under its
			// own input, so the summary only counts them.
			const count = new Set(failure.fields.map((f) => normaliseField(f.field))).size;
			const why =
				count > 0 ? t("errors.validationCount", { count }) : message || t("errors.validation");
			return { summary: `${lead}${why} ${t("errors.validationNext")}`, detail: null };
		}
		case "not_found":
			return { summary: `${lead}${t("errors.notFound")}`, detail: message || null };
		case "conflict":
			return {
				summary: `${lead}${message || t("errors.conflict")} ${t("errors.conflictNext")}`,
				detail: null,
			};
		case "io":
			return { summary: `${lead}${t("errors.io")}`, detail: message || null };
		case "unreachable":
			return { summary: `${lead}${t("errors.unreachable")}`, detail: null };
		default:
			return { summary: `${lead}${t("errors.internal")}`, detail: message || null };
	}
}

/**
 * The core's messages are sometimes fragments meant to follow a field name ("is 250 characters
 * long; at most 200 are allowed"); shown on their own they start with a capital and end with a
 * full stop (a Chinese one ends with its own).
 */
export function sentence(text: string): string {
	const trimmed = text.trim();
	if (trimmed === "") return "";
	const first = trimmed.charAt(0).toLocaleUpperCase() + trimmed.slice(1);
	if (/[.!?…)»”\u2069。！？）]$/u.test(first)) return first;
	return /\p{Script=Han}/u.test(first) ? `${first}。` : `${first}.`;
}

/** One message per form field (the first the core sent), keyed by snake_case field name. */
export function fieldMessages(error: unknown): Record<string, string> {
	const failure = toFailure(error);
	const out: Record<string, string> = {};
	for (const f of failure.fields) {
		const key = normaliseField(f.field);
		if (!(key in out)) out[key] = fieldText(f);
	}
	return out;
}

/**
 * Field paths come as "email", or for list items "organizers[1].name" / "organizers.1.name";
 * both list forms become "organizers.1.name".
 */
export function normaliseField(field: string): string {
	return field.replace(/\[(\d+)\]/g, ".$1").replace(/^\./, "");
}

export async function unwrap<T>(call: Promise<Result<T, ApiError>>): Promise<T> {
	let result: Result<T, ApiError>;
	try {
		result = await call;
	} catch (e) {
		throw toFailure(e);
	}
	if (result.status === "ok") return result.data;
	throw toFailure(result.error);
}

async function infallible<T>(call: () => Promise<T>): Promise<T> {
	try {
		return await call();
	} catch (e) {
		throw toFailure(e);
	}
}

let readyReported = false;

/**
 * Once per window, two frames after the attendee list first shows rows with the search box
 * focused, tells Rust (`bench_ready`), so that `scripts/bench-app.sh` can time the start-up.
 * The command does nothing unless the benchmark set `PLENARY_BENCH_READY`.
 */
export function reportReady(): void {
	if (readyReported) return;
	readyReported = true;
	requestAnimationFrame(() =>
		requestAnimationFrame(() => void commands.benchReady().catch(() => undefined)),
	);
}

/** The commands, each returning its data or throwing an `ApiFailure`. */
export const api = {
	appInfo: () => infallible(() => commands.appInfo()),
	/** Opens the folder of the app's log files in the OS file manager. */
	openLogFolder: () => unwrap(commands.openLogFolder()),
	listCountries: () => infallible(() => commands.listCountries()),
	listEvents: () => unwrap(commands.listEvents()),
	createEvent: (input: EventInput) => unwrap(commands.createEvent(input)),
	updateEvent: (id: string, input: EventInput) => unwrap(commands.updateEvent(id, input)),
	deleteEvent: (id: string) => unwrap(commands.deleteEvent(id)),
	loadSample: () => unwrap(commands.loadSample()),
	listAttendees: (eventId: string, filter: AttendeeFilter) =>
		unwrap(commands.listAttendees(eventId, filter)),
	getAttendee: (id: string) => unwrap(commands.getAttendee(id)),
	addAttendee: (eventId: string, input: AttendeeInput) =>
		unwrap(commands.addAttendee(eventId, input)),
	updateAttendee: (id: string, input: AttendeeInput) => unwrap(commands.updateAttendee(id, input)),
	/** Deletes an attendee; `reason`, if given, goes into the Activity log. */
	deleteAttendee: (id: string, reason = "") => unwrap(commands.deleteAttendee(id, reason)),
	listDelegations: (eventId: string) => unwrap(commands.listDelegations(eventId)),
	setDelegationHead: (eventId: string, country: string, attendeeId: string | null) =>
		unwrap(commands.setDelegationHead(eventId, country, attendeeId)),
	setDelegationSection: (eventId: string, country: string, section: Section | null) =>
		unwrap(commands.setDelegationSection(eventId, country, section)),
	seatingPlan: (eventId: string) => unwrap(commands.seatingPlan(eventId)),
	drawSeating: (eventId: string) => unwrap(commands.drawSeating(eventId)),
	setSeating: (eventId: string, first: string | null, seats: number | null) =>
		unwrap(commands.setSeating(eventId, first, seats)),
	/** Where the hosts and the UN system sit, the host country, accessible places. */
	configureSeating: (eventId: string, changes: SeatingChanges) =>
		unwrap(commands.configureSeating(eventId, changes)),
	/** Swaps two delegations' places by hand (logged). */
	swapSeats: (eventId: string, a: string, b: string) => unwrap(commands.swapSeats(eventId, a, b)),
	/** Takes back every swap made by hand. */
	clearSeatSwaps: (eventId: string) => unwrap(commands.clearSeatSwaps(eventId)),
	/** The order of the sections of the list of participants. */
	sectionOrder: (eventId: string) => unwrap(commands.sectionOrder(eventId)),
	setSectionOrder: (eventId: string, order: Section[] | null) =>
		unwrap(commands.setSectionOrder(eventId, order)),
	listCategories: (eventId: string) => unwrap(commands.listCategories(eventId)),
	addCategory: (eventId: string, label: string) => unwrap(commands.addCategory(eventId, label)),
	backupNow: () => unwrap(commands.backupNow()),
	/** Where the data lives: a file's path, or a server's address without its password. */
	storeInfo: () => infallible(() => commands.storeInfo()),
	/** Works on a PostgreSQL server from now on (checked and migrated first). */
	connectServer: (login: ServerLogin) => unwrap(commands.connectServer(login)),
	/** Works on the file on this computer again. */
	useLocalFile: () => unwrap(commands.useLocalFile()),
	/** Copies the event, with everything it has, to a server. */
	publishEvent: (eventId: string, login: ServerLogin, replace: boolean) =>
		unwrap(commands.publishEvent(eventId, login, replace)),
	/** Asks where to save, then writes the event into a new file there; null if cancelled. */
	saveEventCopy: (eventId: string) => unwrap(commands.saveEventCopy(eventId)),
	chooseBackupToRestore: () => unwrap(commands.chooseBackupToRestore()),
	restoreChosenBackup: () => unwrap(commands.restoreChosenBackup()),
	backupSettings: () => unwrap(commands.backupSettings()),
	setBackupsKeep: (keep: number) => unwrap(commands.setBackupsKeep(keep)),
	/** Passport number and date of birth; load only when the user asks to reveal them. */
	getSensitive: (attendeeId: string) => unwrap(commands.getSensitive(attendeeId)),
	setSensitive: (attendeeId: string, input: SensitiveData) =>
		unwrap(commands.setSensitive(attendeeId, input)),
	sensitiveSummary: (eventId: string) => unwrap(commands.sensitiveSummary(eventId)),
	setSensitiveRetention: (eventId: string, days: number | null) =>
		unwrap(commands.setSensitiveRetention(eventId, days)),
	purgeSensitive: (eventId: string) => unwrap(commands.purgeSensitive(eventId)),
};
