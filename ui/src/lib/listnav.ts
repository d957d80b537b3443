//! Keyboard movement in lists and tables: which row a key moves the selection to.

/** Keys that move a selection, as `KeyboardEvent.key` names them. */
export const NAV_KEYS = ["ArrowDown", "ArrowUp", "PageDown", "PageUp", "Home", "End"] as const;

/**
 * The row index after pressing `key`, or null when the key does not move the selection.
 * With nothing selected (current < 0), Down and Home select the first row, Up and End the last.
 */
export function nextIndex(key: string, current: number, count: number, page = 10): number | null {
	if (count <= 0 || !(NAV_KEYS as readonly string[]).includes(key)) return null;
	const last = count - 1;
	if (current < 0 || current > last) {
		return key === "ArrowUp" || key === "End" || key === "PageUp" ? last : 0;
	}
	switch (key) {
		case "ArrowDown":
			return Math.min(current + 1, last);
		case "ArrowUp":
			return Math.max(current - 1, 0);
		case "PageDown":
			return Math.min(current + page, last);
		case "PageUp":
			return Math.max(current - page, 0);
		case "Home":
			return 0;
		default:
			return last;
	}
}
