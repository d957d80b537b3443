//! Client-side column sorting for tables. Rust already returns rows in a sensible default
//! order; a click on a header re-sorts in the UI with the locale's collation.

export type SortDirection = "asc" | "desc";
export type SortState<K extends string> = { key: K; direction: SortDirection } | null;

/** Header clicks cycle: ascending, descending, back to the default order. */
export function nextSort<K extends string>(current: SortState<K>, key: K): SortState<K> {
	if (!current || current.key !== key) return { key, direction: "asc" };
	if (current.direction === "asc") return { key, direction: "desc" };
	return null;
}

/** The aria-sort value of a column header. */
export function ariaSort<K extends string>(
	current: SortState<K>,
	key: K,
): "ascending" | "descending" | "none" {
	if (!current || current.key !== key) return "none";
	return current.direction === "asc" ? "ascending" : "descending";
}

/**
 * Sorts a copy of `rows` by `compare`, flipped for descending. Rows whose text is empty stay at
 * the end in both directions, where nobody is looking for them. The sort is stable, so ties
 * keep the default order.
 */
export function sortRows<T>(
	rows: readonly T[],
	direction: SortDirection,
	compare: (a: T, b: T) => number,
	isEmpty: (row: T) => boolean = () => false,
): T[] {
	const sign = direction === "asc" ? 1 : -1;
	return [...rows].sort((a, b) => {
		const ea = isEmpty(a);
		const eb = isEmpty(b);
		if (ea !== eb) return ea ? 1 : -1;
		return sign * compare(a, b);
	});
}
