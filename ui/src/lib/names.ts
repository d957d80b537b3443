//! How a person's name is shown and sorted.
//!
//! The display rule is the core's (`src-tauri/core/src/names.rs`), followed here so that the
//! UI can write names as it renders: a name is shown with its honorific and in the person's
//! own order ("Given FAMILY" or "FAMILY Given"); every part is trimmed and its runs of white
//! space become one space; UN practice writes family names in capitals (an event setting;
//! scripts without case are unchanged); Chinese, Japanese and Korean parts join without a
//! space; and when a record also holds a Latin form that differs from the native one, the
//! Latin form comes first: "H.E. Mr MA Zhaoxu 马朝旭". `names.test.ts` runs this file against
//! every case in the core's generated `name-cases.json`, and the characters counted as CJK
//! come from the core's `core-tables.json`, so the two cannot drift apart.

import type { NameOrder } from "$lib/bindings";
import tables from "$lib/generated/core-tables.json";

/** The parts of an attendee record that make up their name. */
export type NameParts = {
	honorific: string;
	given_name: string;
	family_name: string;
	name_order: NameOrder;
	given_name_latin: string;
	family_name_latin: string;
};

export type NameOptions = {
	/** The event's "family names in capitals" setting. */
	familyUpper: boolean;
	/** Whether to put the honorific in front; defaults to true. */
	honorific?: boolean;
};

/** The full display name: honorific, Latin form (when present and different), native form. */
export function displayName(person: NameParts, options: NameOptions): string {
	const native = orderedName(person.given_name, person.family_name, person.name_order, options);
	const latin = orderedName(
		person.given_name_latin,
		person.family_name_latin,
		person.name_order,
		options,
	);
	const parts: string[] = [];
	if (options.honorific !== false) parts.push(clean(person.honorific));
	// A Latin form identical to the native one (a Latin-script name typed twice) is shown once.
	if (latin !== "" && latin !== native) parts.push(latin);
	parts.push(native);
	return parts.filter((p) => p !== "").join(" ");
}

/**
 * The name without honorific, for confirmations and toasts ("Delete MA Zhaoxu 马朝旭?").
 */
export function plainName(person: NameParts, options: Omit<NameOptions, "honorific">): string {
	return displayName(person, { ...options, honorific: false });
}

/**
 * The key that orders people by family name, then given name. Latin forms are preferred when
 * present, so that 马朝旭 (MA Zhaoxu) sorts under M next to the other Latin-script names, the
 * way protocol lists are read. This is the order the core's `list_attendees` returns
 * (`sort_family`, `sort_given`), so sorting the Name column ascending changes nothing.
 */
export function nameSortKey(person: NameParts): readonly [family: string, given: string] {
	return [
		clean(person.family_name_latin) || clean(person.family_name),
		clean(person.given_name_latin) || clean(person.given_name),
	];
}

/** Compares two people by {@link nameSortKey} with a locale-aware collator. */
export function compareNames(collator: Intl.Collator): (a: NameParts, b: NameParts) => number {
	return (a, b) => {
		const [fa, ga] = nameSortKey(a);
		const [fb, gb] = nameSortKey(b);
		return collator.compare(fa, fb) || collator.compare(ga, gb);
	};
}

/**
 * True when the text has CJK characters (the core's `CJK_RANGES`) and nothing else but white
 * space and the marks the core allows inside a CJK name (the middle dot).
 */
export function isCjk(text: string): boolean {
	let letters = 0;
	for (const ch of text) {
		if (WHITE_SPACE.test(ch) || CJK_MARKS.has(ch)) continue;
		const code = ch.codePointAt(0) ?? 0;
		if (!CJK_RANGES.some(({ first, last }) => code >= first && code <= last)) return false;
		letters++;
	}
	return letters > 0;
}

const CJK_RANGES = tables.name_rule.cjk_ranges.map(([first = 0, last = -1]) => ({ first, last }));
const CJK_MARKS = new Set(tables.name_rule.cjk_marks);

/** Unicode's White_Space, as Rust's `char::is_whitespace` has it; JavaScript's `\s` differs
 * (it counts U+FEFF and not U+0085). */
const WHITE_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/u;

/** The text trimmed, with each run of white space made one space (Rust's `split_whitespace`). */
function clean(text: string): string {
	return text
		.split(WHITE_SPACE)
		.filter((word) => word !== "")
		.join(" ");
}

function orderedName(
	given: string,
	family: string,
	order: NameOrder,
	options: Pick<NameOptions, "familyUpper">,
): string {
	const g = clean(given);
	let f = clean(family);
	if (options.familyUpper) f = f.toUpperCase();
	const [first, second] = order === "family_first" ? [f, g] : [g, f];
	if (first === "" || second === "") return first || second;
	// Chinese, Japanese and Korean full names are written without a space between the parts.
	const joiner = isCjk(first) && isCjk(second) ? "" : " ";
	return `${first}${joiner}${second}`;
}
