//! Dates and times, always in the event's IANA zone and never in the OS zone.
//!
//! Two kinds of value cross the IPC boundary: calendar dates ("2024-09-03", an event's first
//! day) and instants (RFC 3339 UTC, e.g. `updated_at`). Calendar dates have no zone: they are
//! formatted at noon UTC in UTC so that no offset can move them to another day. Instants are
//! formatted in the event's zone, which Intl.DateTimeFormat receives explicitly every time.

const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The zone the operating system is set to. */
export function osTimeZone(): string {
	return new Intl.DateTimeFormat().resolvedOptions().timeZone ?? "UTC";
}

/** A YYYY-MM-DD calendar date as a Date at 12:00 UTC, or null when it is not a real date. */
export function parsePlainDate(text: string): Date | null {
	const m = PLAIN_DATE.exec(text.trim());
	if (!m) return null;
	const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const date = new Date(Date.UTC(year, month - 1, day, 12));
	// Date.UTC rolls 2024-02-30 over to March; such input is not a date.
	if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
	return date;
}

/** A calendar date such as "3 September 2024"; the input itself when it is not a date. */
export function formatPlainDate(
	text: string,
	locale: string,
	options: Intl.DateTimeFormatOptions = { day: "numeric", month: "long", year: "numeric" },
): string {
	const date = parsePlainDate(text);
	if (!date) return text;
	return new Intl.DateTimeFormat(locale, { ...options, timeZone: "UTC" }).format(date);
}

/** A span of calendar dates such as "3–6 September 2024", collapsing what the ends share. */
export function formatDateRange(
	start: string,
	end: string,
	locale: string,
	options: Intl.DateTimeFormatOptions = { day: "numeric", month: "long", year: "numeric" },
): string {
	const from = parsePlainDate(start);
	const to = parsePlainDate(end);
	if (!from) return end === "" ? start : `${start} – ${end}`;
	const format = new Intl.DateTimeFormat(locale, { ...options, timeZone: "UTC" });
	if (!to || to.getTime() === from.getTime()) return format.format(from);
	// formatRange throws when the end is before the start; show both dates as they are.
	if (to < from) return `${format.format(from)} – ${format.format(to)}`;
	return format.formatRange(from, to);
}

/** The number of calendar days an event spans, both ends included (0 when unknown). */
export function dayCount(start: string, end: string): number {
	const from = parsePlainDate(start);
	const to = parsePlainDate(end);
	if (!from || !to || to < from) return 0;
	return Math.round((to.getTime() - from.getTime()) / 86_400_000) + 1;
}

/** An instant in the event's zone, e.g. "09:00" with `{ hour, minute }`. */
export function formatInstant(
	instant: string | Date,
	timeZone: string,
	locale: string,
	options: Intl.DateTimeFormatOptions,
): string {
	const date = typeof instant === "string" ? new Date(instant) : instant;
	if (Number.isNaN(date.getTime())) return typeof instant === "string" ? instant : "";
	if (!isValidTimeZone(timeZone)) {
		// A zone this runtime does not know must not blank the screen: show UTC, labelled.
		return `${new Intl.DateTimeFormat(locale, { ...options, timeZone: "UTC" }).format(date)} UTC`;
	}
	return new Intl.DateTimeFormat(locale, { ...options, timeZone }).format(date);
}

/** A time of day in the event's zone, e.g. "09:00". */
export function formatTime(instant: string | Date, timeZone: string, locale: string): string {
	return formatInstant(instant, timeZone, locale, { hour: "2-digit", minute: "2-digit" });
}

const DATE_TIME: Intl.DateTimeFormatOptions = {
	day: "numeric",
	month: "short",
	year: "numeric",
	hour: "2-digit",
	minute: "2-digit",
};

/** A date and time in the event's zone, e.g. "3 Sept 2024, 09:00". */
export function formatDateTime(instant: string | Date, timeZone: string, locale: string): string {
	return formatInstant(instant, timeZone, locale, DATE_TIME);
}

/** A date and time to the second in the event's zone, e.g. "3 Sept 2024, 09:00:41": for two
 * desks' records of one moment, which may fall in the same minute. */
export function formatDateTimeSeconds(
	instant: string | Date,
	timeZone: string,
	locale: string,
): string {
	return formatInstant(instant, timeZone, locale, { ...DATE_TIME, second: "2-digit" });
}

/** The zone's offset from UTC in minutes at the given instant (+480 for Asia/Shanghai). */
export function zoneOffsetMinutes(timeZone: string, at: Date): number {
	const parts = new Intl.DateTimeFormat("en-US", {
		timeZone,
		hourCycle: "h23",
		year: "numeric",
		month: "numeric",
		day: "numeric",
		hour: "numeric",
		minute: "numeric",
		second: "numeric",
	}).formatToParts(at);
	const get = (type: Intl.DateTimeFormatPartTypes) =>
		Number(parts.find((p) => p.type === type)?.value ?? 0);
	const asUtc = Date.UTC(
		get("year"),
		get("month") - 1,
		get("day"),
		get("hour"),
		get("minute"),
		get("second"),
	);
	const whole = Math.floor(at.getTime() / 1000) * 1000;
	return Math.round((asUtc - whole) / 60_000);
}

/**
 * True when clocks in `timeZone` and in `otherZone` (the OS zone by default) read differently
 * at `at`. The UI then labels event times with the event's zone.
 */
export function zoneDiffers(timeZone: string, at: Date, otherZone: string = osTimeZone()): boolean {
	if (!isValidTimeZone(timeZone) || !isValidTimeZone(otherZone)) return false;
	return zoneOffsetMinutes(timeZone, at) !== zoneOffsetMinutes(otherZone, at);
}

/** A short label for a zone at an instant, such as "GMT+8". */
export function zoneLabel(timeZone: string, locale: string, at: Date): string {
	if (!isValidTimeZone(timeZone)) return timeZone;
	const part = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "shortOffset" })
		.formatToParts(at)
		.find((p) => p.type === "timeZoneName");
	return part?.value ?? timeZone;
}

/** True when the runtime knows the IANA zone name. */
export function isValidTimeZone(timeZone: string): boolean {
	if (timeZone.trim() === "") return false;
	try {
		new Intl.DateTimeFormat("en", { timeZone });
		return true;
	} catch {
		return false;
	}
}

/** Every IANA zone the runtime knows, plus UTC (which some engines leave out), sorted. */
export function timeZoneNames(): string[] {
	const names = new Set(Intl.supportedValuesOf("timeZone"));
	names.add("UTC");
	return [...names].sort();
}

/** An instant read on the event's wall clock: its calendar date and minutes after midnight. */
export type LocalSlot = { date: string; minutes: number };

const LOCAL_INPUT = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})$/;
const RFC3339_LOCAL = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/;

/**
 * Where an instant falls on the event's wall clock. The zone is applied with Intl, so an
 * instant sent in UTC or in any offset lands on the same slot; the OS zone plays no part.
 * When the runtime does not know the zone, the clock time written in the string is used.
 */
export function eventSlot(instant: string, timeZone: string): LocalSlot | null {
	const date = new Date(instant);
	if (Number.isNaN(date.getTime())) return null;
	if (!isValidTimeZone(timeZone)) {
		const m = RFC3339_LOCAL.exec(instant);
		return m ? { date: m[1] ?? "", minutes: Number(m[2]) * 60 + Number(m[3]) } : null;
	}
	const parts = new Intl.DateTimeFormat("en-US", {
		timeZone,
		hourCycle: "h23",
		year: "numeric",
		month: "2-digit",
		day: "2-digit",
		hour: "2-digit",
		minute: "2-digit",
	}).formatToParts(date);
	const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value;
	const hour = Number(get("hour") ?? 0) % 24;
	return {
		date: `${get("year")}-${get("month")}-${get("day")}`,
		minutes: hour * 60 + Number(get("minute") ?? 0),
	};
}

/** "HH:MM" for minutes after midnight (wrapping past 24:00). */
export function formatClock(minutes: number): string {
	const m = ((Math.round(minutes) % 1440) + 1440) % 1440;
	return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}

/** "HH:MM" as minutes after midnight, or null. */
export function parseClock(text: string): number | null {
	const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
	if (!m) return null;
	const [h, min] = [Number(m[1]), Number(m[2])];
	return h < 24 && min < 60 ? h * 60 + min : null;
}

/** A calendar date moved by whole days ("2024-09-30" + 1 = "2024-10-01"). */
export function addDays(date: string, days: number): string {
	const d = parsePlainDate(date);
	if (!d) return date;
	return new Date(d.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** Every calendar date of an event, first to last. */
export function eventDays(start: string, end: string): string[] {
	const count = dayCount(start, end);
	return Array.from({ length: Math.min(count, 366) }, (_, i) => addDays(start, i));
}

/**
 * The event-local "YYYY-MM-DD HH:MM" the core takes, for a day and minutes from its midnight.
 * Minutes beyond 24:00 or below 0 roll over to the next or previous day.
 */
export function formatLocalInput(date: string, minutes: number): string {
	const whole = Math.round(minutes);
	const dayShift = Math.floor(whole / 1440);
	return `${addDays(date, dayShift)} ${formatClock(whole - dayShift * 1440)}`;
}

/** "YYYY-MM-DD HH:MM" back into its parts, or null. */
export function parseLocalInput(text: string): LocalSlot | null {
	const m = LOCAL_INPUT.exec(text.trim());
	if (!m || !parsePlainDate(m[1] ?? "")) return null;
	const minutes = parseClock(`${m[2]}:${m[3]}`);
	return minutes === null ? null : { date: m[1] ?? "", minutes };
}

/** Minutes from `day`'s midnight to a slot (negative before, above 1440 on later days). */
export function minutesFromDay(day: string, slot: LocalSlot): number {
	const from = parsePlainDate(day);
	const to = parsePlainDate(slot.date);
	if (!from || !to) return slot.minutes;
	return Math.round((to.getTime() - from.getTime()) / 86_400_000) * 1440 + slot.minutes;
}

/** Rounds minutes to the nearest multiple of `step` (5 by default). */
export function snapMinutes(minutes: number, step = 5): number {
	return Math.round(minutes / step) * step;
}
