//! Pure helpers for the check-in desk and the dashboard: initials and avatar colours, count
//! lines, and the shaping of the dashboard's figures into chart data. Nothing here touches
//! Chart.js or the DOM, so all of it is unit-tested.

import { type ApiFailure, toFailure } from "$lib/api";
import type { CategoryCount, SessionType } from "$lib/bindings";
import type { CheckedAttendee, CountryCount, DayCount, SessionFill } from "$lib/desk-api";
import { isCjk, type NameParts } from "$lib/names";

/** Up to two letters for an avatar, from the Latin form when there is one, else the native. */
export function initials(person: NameParts): string {
	const latin = [person.given_name_latin.trim(), person.family_name_latin.trim()];
	const native = [person.given_name.trim(), person.family_name.trim()];
	const [given, family] = latin.some((p) => p !== "") ? latin : native;
	const g = given ?? "";
	const f = family ?? "";
	// 马朝旭: one full-width character reads better in a circle than two.
	if (isCjk(`${f}${g}`)) return firstGrapheme(f || g);
	const ordered = person.name_order === "family_first" ? [f, g] : [g, f];
	return ordered
		.filter((p) => p !== "")
		.map((p) => firstGrapheme(p).toLocaleUpperCase())
		.join("")
		.slice(0, 4);
}

function firstGrapheme(text: string): string {
	const trimmed = text.trim();
	if (trimmed === "") return "";
	if (typeof Intl.Segmenter === "function") {
		const first = new Intl.Segmenter(undefined, { granularity: "grapheme" })
			.segment(trimmed)
			[Symbol.iterator]()
			.next();
		if (!first.done) return first.value.segment;
	}
	return Array.from(trimmed)[0] ?? "";
}

/**
 * A hue (0–359) for a person's avatar, the same for the same key on every run: FNV-1a over the
 * UTF-16 code units with a final mix, spread over the circle.
 */
export function avatarHue(key: string): number {
	let hash = 0x811c9dc5;
	for (let i = 0; i < key.length; i++) {
		hash ^= key.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	// FNV alone keeps ids that differ only at the end (…0001, …0002) close together; a final
	// avalanche (MurmurHash3's) spreads them over the whole circle.
	hash ^= hash >>> 16;
	hash = Math.imul(hash, 0x85ebca6b) >>> 0;
	hash ^= hash >>> 13;
	hash = Math.imul(hash, 0xc2b2ae35) >>> 0;
	hash ^= hash >>> 16;
	return (hash >>> 0) % 360;
}

/** The avatar's background; dark enough for white initials (large text, over 3:1). */
export function avatarColour(key: string): string {
	return `hsl(${avatarHue(key)} 50% 32%)`;
}

/** Whole percent of `part` in `whole`, 0 when the whole is empty; 100 only when complete. */
export function percent(part: number, whole: number): number {
	if (whole <= 0 || part <= 0) return 0;
	if (part >= whole) return 100;
	return Math.min(99, Math.floor((part / whole) * 100));
}

/** What the desk's confirmation card shows. */
export type CardState = {
	attendee: CheckedAttendee;
	/** When the person checked in (RFC 3339); null if the core did not say. */
	at: string | null;
	/** They had checked in before; nothing changed now. */
	already: boolean;
	/** The core's own words, when it refused without a time. */
	note: string | null;
	undone: boolean;
	/** Registered at the desk just now. */
	walkIn: boolean;
};

/** When the person checked in, while the generated `Attendee` type may still lack the field. */
export function checkedInAt(attendee: CheckedAttendee): string | null {
	return attendee.checked_in_at ?? null;
}

/** True when the core refused a check-in because the person is already checked in. */
export function isAlreadyCheckedIn(error: unknown): error is ApiFailure {
	const failure = toFailure(error);
	return failure.code === "validation" && failure.fields.some((f) => f.field === "checked_in_at");
}

/** Moves the picked result with the arrow keys, stopping at the ends; null for other keys. */
export function pickIndex(key: string, current: number, count: number): number | null {
	if (count === 0) return null;
	if (key === "ArrowDown") return Math.min(current + 1, count - 1);
	if (key === "ArrowUp") return Math.max(current - 1, 0);
	return null;
}

/** The largest `limit` items by `value`, and what the rest add up to (null when nothing is left). */
export function topWithOthers<T>(
	items: readonly T[],
	limit: number,
	value: (item: T) => number,
	tieBreak: (a: T, b: T) => number = () => 0,
): { top: T[]; rest: T[] } {
	const sorted = [...items].sort((a, b) => value(b) - value(a) || tieBreak(a, b));
	return { top: sorted.slice(0, limit), rest: sorted.slice(limit) };
}

/** Bar-chart data: one label per bar and one array of values per dataset. */
export type BarData = { labels: string[]; series: number[][]; keys: string[] };

/**
 * Attendees by country, largest first: the top `limit` countries and one "others" bar. Each
 * bar has two values, registered (still attending) and arrived.
 */
export function countryChartData(
	rows: readonly CountryCount[],
	limit: number,
	label: (code: string) => string,
	othersLabel: (count: number) => string,
): BarData {
	const { top, rest } = topWithOthers(
		rows,
		limit,
		(r) => r.expected,
		(a, b) => a.country.localeCompare(b.country),
	);
	const labels = top.map((r) => label(r.country));
	const registered = top.map((r) => r.expected);
	const arrived = top.map((r) => r.arrived);
	const keys = top.map((r) => r.country);
	if (rest.length > 0) {
		labels.push(othersLabel(rest.length));
		registered.push(sum(rest.map((r) => r.expected)));
		arrived.push(sum(rest.map((r) => r.arrived)));
		keys.push("");
	}
	return { labels, series: [registered, arrived], keys };
}

/** Categories, largest first, without empty ones. */
export function categoryChartData(
	rows: readonly CategoryCount[],
	label: (key: string) => string,
): BarData {
	const sorted = rows
		.filter((r) => r.count > 0)
		.sort((a, b) => b.count - a.count || a.category.localeCompare(b.category));
	return {
		labels: sorted.map((r) => label(r.category)),
		series: [sorted.map((r) => r.count)],
		keys: sorted.map((r) => r.category),
	};
}

/** Sessions per day, in calendar order. */
export function dayChartData(rows: readonly DayCount[], label: (day: string) => string): BarData {
	const sorted = [...rows].sort((a, b) => a.day.localeCompare(b.day));
	return {
		labels: sorted.map((r) => label(r.day)),
		series: [sorted.map((r) => r.count)],
		keys: sorted.map((r) => r.day),
	};
}

/** Sessions with seats, fullest first (by share of seats taken): signups and capacity. */
export function fillChartData(rows: readonly SessionFill[]): BarData {
	const ratio = (r: SessionFill) => (r.capacity > 0 ? r.signups / r.capacity : 0);
	const sorted = rows
		.filter((r) => r.capacity > 0)
		.sort((a, b) => ratio(b) - ratio(a) || a.title.localeCompare(b.title));
	return {
		labels: sorted.map((r) => r.title),
		series: [sorted.map((r) => r.signups), sorted.map((r) => r.capacity)],
		keys: sorted.map((r) => r.session_id),
	};
}

/** The base64 payload of a `data:image/png;base64,…` URL; "" when it is not one. */
export function pngBase64(dataUrl: string): string {
	const match = /^data:image\/png;base64,(.*)$/s.exec(dataUrl);
	return match?.[1] ?? "";
}

/** A file name for a saved chart: the event's name and the chart's, without path characters. */
export function chartFileName(eventName: string, chart: string): string {
	const clean = `${eventName} ${chart}`
		// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are unsafe in file names.
		.replace(/[\\/:*?"<>|\u0000-\u001f]+/gu, " ")
		.replace(/\s+/gu, " ")
		.trim();
	return `${clean || "chart"}.png`;
}

const VISIT_TYPES: readonly SessionType[] = ["site_visit", "field_study"];

/** Sessions for the attendance picker: site visits and field studies first, then by start. */
export function attendanceOrder<T extends { type: SessionType; start: string; title: string }>(
	sessions: readonly T[],
): T[] {
	const rank = (s: T) => (VISIT_TYPES.includes(s.type) ? 0 : 1);
	return [...sessions].sort(
		(a, b) => rank(a) - rank(b) || a.start.localeCompare(b.start) || a.title.localeCompare(b.title),
	);
}

/** An attendance sheet's rows in the three groups the screen shows. */
export function attendanceGroups<T extends { signed_up: boolean; present: boolean }>(
	rows: readonly T[],
): { missing: T[]; here: T[]; extra: T[] } {
	return {
		missing: rows.filter((r) => r.signed_up && !r.present),
		here: rows.filter((r) => r.signed_up && r.present),
		extra: rows.filter((r) => !r.signed_up && r.present),
	};
}

/** Arrivals by country for the desk's compact list: most arrivals first, then most expected. */
export function arrivalsByCountry(rows: readonly CountryCount[], limit: number): CountryCount[] {
	return [...rows]
		.filter((r) => r.expected > 0 || r.arrived > 0)
		.sort(
			(a, b) =>
				b.arrived - a.arrived || b.expected - a.expected || a.country.localeCompare(b.country),
		)
		.slice(0, limit);
}

function sum(values: readonly number[]): number {
	return values.reduce((a, b) => a + b, 0);
}
