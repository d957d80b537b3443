//! The pseudo-locale `en-XA`, a test aid: every English string about 40% longer and with accents
//! ("Attendees" → "Àţţéñðééš ~~~~"), `{{variables}}` kept, so that an end-to-end run can find text
//! that would be clipped in a longer language and strings that do not go through `t`.

const ACCENTED: Record<string, string> = {
	a: "à",
	b: "ƀ",
	c: "ç",
	d: "ð",
	e: "é",
	f: "ƒ",
	g: "ĝ",
	h: "ĥ",
	i: "î",
	j: "ĵ",
	k: "ķ",
	l: "ļ",
	m: "ɱ",
	n: "ñ",
	o: "ö",
	p: "þ",
	q: "ǫ",
	r: "ŕ",
	s: "š",
	t: "ţ",
	u: "û",
	v: "ṽ",
	w: "ŵ",
	x: "ẋ",
	y: "ý",
	z: "ž",
	A: "À",
	B: "Ɓ",
	C: "Ç",
	D: "Ð",
	E: "É",
	F: "Ƒ",
	G: "Ĝ",
	H: "Ĥ",
	I: "Î",
	J: "Ĵ",
	K: "Ķ",
	L: "Ļ",
	M: "Ṁ",
	N: "Ñ",
	O: "Ö",
	P: "Þ",
	Q: "Ǫ",
	R: "Ŕ",
	S: "Š",
	T: "Ţ",
	U: "Û",
	V: "Ṽ",
	W: "Ŵ",
	X: "Ẋ",
	Y: "Ý",
	Z: "Ž",
};

/** `{{variable}}` placeholders, which must reach i18next unchanged. */
const PLACEHOLDER = /(\{\{[^}]*\}\})/;

/** One English string in the pseudo-locale. */
export function pseudoString(text: string): string {
	if (text.trim() === "") return text;
	const accented = text
		.split(PLACEHOLDER)
		.map((part) =>
			PLACEHOLDER.test(part) ? part : part.replace(/[A-Za-z]/g, (c) => ACCENTED[c] ?? c),
		)
		.join("");
	const visible = text.replace(/\{\{[^}]*\}\}/g, "").length;
	return `${accented} ${"~".repeat(Math.max(2, Math.round(visible * 0.4) - 1))}`;
}

/** The whole en.json tree in the pseudo-locale. */
export function pseudoTree(tree: unknown): Record<string, unknown> {
	const walk = (node: unknown): unknown => {
		if (typeof node === "string") return pseudoString(node);
		if (typeof node === "object" && node !== null) {
			return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v)]));
		}
		return node;
	};
	return walk(tree) as Record<string, unknown>;
}
