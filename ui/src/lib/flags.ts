//! Flags from the `flag-icons` package's SVGs (4:3), bundled by Vite so that every machine
//! shows them: emoji flags are empty boxes on Linux without a colour-emoji font and two letters
//! on Windows. Only the URLs are in the script; each SVG is its own file in `dist/assets`
//! (vite.config.ts keeps them from being inlined), fetched when an `<img>` shows it.

const FLAGS: Record<string, string> = import.meta.glob<string>(
	"/node_modules/flag-icons/flags/4x3/??.svg",
	{ query: "?url", import: "default", eager: true },
);

const PREFIX = "/node_modules/flag-icons/flags/4x3/";

/** The URL of the flag of an ISO 3166-1 alpha-2 code (any case), or undefined if none. */
export function flagUrl(code: string): string | undefined {
	const lower = code.trim().toLowerCase();
	if (!/^[a-z]{2}$/.test(lower)) return undefined;
	return FLAGS[`${PREFIX}${lower}.svg`];
}
