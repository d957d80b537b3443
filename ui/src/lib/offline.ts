//! The desk without its server: the words of the offline banner, the toast after a sync, and
//! which sections stay open offline. Pure functions, so that they are tested without a window.
import type { DeskStatus, ReviewItem, SyncReport } from "$lib/bindings";
import { formatNumber, t } from "$lib/i18n";
import { renderMessage } from "$lib/messages";
import { formatDateTime, formatDateTimeSeconds } from "$lib/time";

export type { DeskStatus, ReviewItem, SyncReport };

/** The sections that work offline: the desk, and Settings (to change the store). */
export const OFFLINE_SECTIONS: readonly string[] = ["checkin", "settings"];

export function worksOffline(section: string): boolean {
	return OFFLINE_SECTIONS.includes(section);
}

/** The banner's sentence: since when the desk works from its copy, and what waits. */
export function bannerText(status: DeskStatus, timeZone: string, locale: string): string {
	const since = status.refreshed_at
		? t("offline.bannerText", { time: formatDateTime(status.refreshed_at, timeZone, locale) })
		: t("offline.bannerNoCopy");
	if (status.pending === 0) return since;
	return `${since} ${t("offline.pending", { count: status.pending, formatted: formatNumber(status.pending) })}`;
}

/** What a sync did, for a toast; null when it sent nothing worth saying. */
export function syncToast(report: SyncReport | null | undefined): string | null {
	if (!report) return null;
	const parts: string[] = [];
	if (report.applied > 0) {
		parts.push(
			t("offline.sent", { count: report.applied, formatted: formatNumber(report.applied) }),
		);
	}
	if (report.review.length > 0) {
		const n = report.review.length;
		parts.push(t("offline.toReview", { count: n, formatted: formatNumber(n) }));
	}
	return parts.length > 0 ? parts.join(" ") : null;
}

/** A review item's sentence, in the user's language, times in the event's zone. */
export function reviewText(item: ReviewItem, timeZone: string): string {
	return renderMessage(item.code, item.params, timeZone);
}

/** "3 Sept 2024, 09:02:41 · Desk A" for one side of a clash (to the second: two desks' check-ins
 * often fall in one minute); the desk is "online" when unknown. */
export function sideText(at: string, desk: string, timeZone: string, locale: string): string {
	const time = at ? formatDateTimeSeconds(at, timeZone, locale) : "—";
	return t("review.side", { time, desk: desk || t("review.unknownDesk") });
}
