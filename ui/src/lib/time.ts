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

/** A date and time in the event's zone, e.g. "3 Sept 2024, 09:00". */
export function formatDateTime(instant: string | Date, timeZone: string, locale: string): string {
	return formatInstant(instant, timeZone, locale, {
		day: "numeric",
		month: "short",
		year: "numeric",
		hour: "2-digit",
		minute: "2-digit",
	});
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
