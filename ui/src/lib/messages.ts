//! The core's messages in the user's language. Every error and warning from Rust arrives as a
//! code with parameters (`field.too_long` with `{ length, max }`); the text is the locale file's
//! `messages.<code>`, never the English `message` the core also sends for its log.
//!
//! Parameters follow the core's conventions (src-tauri/core/src/messages.rs): a name ending in
//! `_at`, or `start`/`end` (and `<x>_start`/`<x>_end`), is an RFC 3339 instant, shown in the
//! zone the `zone` parameter names; such a pair also gives `when` (`<x>_when`), the span. A name
//! ending in `_date` is a calendar date. Numbers are formatted for the locale. Everything else
//! is user data (a name, a title, a file name) and is isolated with U+2068 … U+2069, so that an
//! Arabic name inside an English sentence, or a Latin one inside an Arabic sentence, keeps its
//! own direction and does not reorder the words around it.

import { countryName } from "$lib/countries";
import { formatLocale, hasKey, t } from "$lib/i18n";
import { formatDateTime, formatDateTimeSeconds, formatPlainDate, formatTime } from "$lib/time";

/** A message's parameters as they cross IPC (specta makes the map's values optional). */
export type MessageParams = { [name in string]?: string };

/** FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE around a piece of user data. */
export function isolate(text: string): string {
	return `\u2068${text}\u2069`;
}

const NUMBER = /^-?\d+(\.\d+)?$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function instant(value: string | undefined): Date | null {
	if (value === undefined || !INSTANT.test(value)) return null;
	const date = new Date(value);
	return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * Whether two different `_at` instants of one message read alike to the minute (two desks'
 * check-ins seconds apart): then every `_at` is shown to the second, or the sentence would
 * compare "02:42" with "02:42".
 */
function instantsShareAMinute(params: MessageParams, zone: string, locale: string): boolean {
	const seen = new Map<string, number>();
	for (const [name, value] of Object.entries(params)) {
		const at = name.endsWith("_at") ? instant(value) : null;
		if (!at) continue;
		const shown = formatDateTime(at, zone, locale);
		const other = seen.get(shown);
		if (other !== undefined && other !== at.getTime()) return true;
		seen.set(shown, at.getTime());
	}
	return false;
}

/**
 * The interpolation values for `params`: instants and dates formatted in `zone` (the message's
 * own `zone` parameter wins), numbers formatted, spans derived, the rest isolated.
 */
export function messageValues(
	params: MessageParams = {},
	fallbackZone = "UTC",
): Record<string, string | number> {
	const locale = formatLocale();
	const zone = params.zone || fallbackZone;
	const out: Record<string, string | number> = {};
	const seconds = instantsShareAMinute(params, zone, locale);
	for (const [name, value] of Object.entries(params)) {
		if (value === undefined) continue;
		const at = instant(value);
		if (name === "count" && NUMBER.test(value)) {
			out[name] = Number(value);
		} else if (at && (name.endsWith("_at") || name.endsWith("start") || name.endsWith("end"))) {
			out[name] =
				seconds && name.endsWith("_at")
					? formatDateTimeSeconds(at, zone, locale)
					: formatDateTime(at, zone, locale);
		} else if (name.endsWith("_date")) {
			out[name] = formatPlainDate(value, locale);
		} else if (NUMBER.test(value) && !/^-?0\d/.test(value)) {
			out[name] = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(Number(value));
		} else {
			out[name] = isolate(value);
		}
	}
	// Words the app has itself: a role's name, a country's name in the user's language.
	const role = params.role;
	if (role !== undefined && hasKey(`labels.role.${role}`)) out.role = t(`labels.role.${role}`);
	const country =
		params.country_code ?? (/^[A-Z]{2}$/.test(params.country ?? "") ? params.country : undefined);
	if (country) out.country = isolate(countryName(country, locale, params.country ?? country));
	for (const [name, value] of Object.entries(params)) {
		if (!name.endsWith("start")) continue;
		const prefix = name.slice(0, -"start".length);
		const start = instant(value);
		const end = instant(params[`${prefix}end`]);
		if (start && end) {
			out[`${prefix}when`] =
				`${formatDateTime(start, zone, locale)}–${formatTime(end, zone, locale)}`;
		}
	}
	return out;
}

/**
 * The text of one core message in the current language. A code this build's locale files do
 * not know (or none at all) gives the text at `fallback`, never the core's English.
 */
export function renderMessage(
	code: string | undefined,
	params: MessageParams = {},
	fallbackZone?: string,
	fallback = "errors.internal",
): string {
	const key = `messages.${code ?? ""}`;
	if (!code || !hasKey(key)) return t(fallback);
	return t(key, messageValues(params, fallbackZone));
}

/** Anything with a message code: a field error, an import problem. */
export type Coded = { code?: string; params?: MessageParams };

/** The text of a field error or an import problem. */
export function codedText(item: Coded, fallbackZone?: string): string {
	return renderMessage(item.code, item.params ?? {}, fallbackZone, "errors.validation");
}

/** A schedule warning's text and its fix. */
export type CodedWarning = {
	code: string;
	params: MessageParams;
	fix_code: string;
	fix_params: MessageParams;
};

export function warningText(
	w: CodedWarning,
	fallbackZone?: string,
): { message: string; fix: string } {
	return {
		message: renderMessage(w.code, w.params, fallbackZone),
		fix: w.fix_code ? renderMessage(w.fix_code, w.fix_params, fallbackZone) : "",
	};
}
