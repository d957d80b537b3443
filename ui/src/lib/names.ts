//! How a person's name is shown and sorted.
//!
//! A name is shown with its honorific and in the person's own order ("Given FAMILY" or
//! "FAMILY Given"). UN practice writes family names in capitals; that is an event setting and
//! only applies to scripts that have letter case. When a record also holds a Latin form, the
//! Latin form comes first and the native form follows it: "H.E. Mr MA Zhaoxu 马朝旭".

import type { NameOrder } from "$lib/bindings";

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

/** The full display name: honorific, Latin form (when present), native form. */
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

/** True when the text contains letters of a script with upper and lower case. */
export function isCasedScript(text: string): boolean {
	return CASED.test(text);
}

/** True when the text is written only in Han, Hiragana, Katakana or Hangul (spaces aside). */
export function isCjk(text: string): boolean {
	const letters = text.replace(/[\s\u00B7\u30FB]/gu, "");
	return letters !== "" && CJK_ONLY.test(letters);
}

const CASED = /[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}]/u;
const CJK_ONLY = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ー]+$/u;

function clean(text: string): string {
	return text.trim().replace(/\s+/gu, " ");
}

function orderedName(
	given: string,
	family: string,
	order: NameOrder,
	options: Pick<NameOptions, "familyUpper">,
): string {
	const g = clean(given);
	let f = clean(family);
	if (options.familyUpper && isCasedScript(f)) f = f.toUpperCase();
	const [first, second] = order === "family_first" ? [f, g] : [g, f];
	if (first === "" || second === "") return first || second;
	// Chinese, Japanese and Korean full names are written without a space between the parts.
	const joiner = isCjk(f) && isCjk(g) ? "" : " ";
	return `${first}${joiner}${second}`;
}
