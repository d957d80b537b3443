//! Chart.js for the dashboard: only the controllers the dashboard uses are registered, and the
//! colours come from app.css's custom properties, so charts follow the OS theme.

import {
	ArcElement,
	BarController,
	BarElement,
	CategoryScale,
	Chart,
	type ChartConfiguration,
	DoughnutController,
	Legend,
	LinearScale,
	type Plugin,
	Tooltip,
} from "chart.js";
import { formatLocale, textDirection } from "$lib/i18n";

Chart.register(
	BarController,
	BarElement,
	CategoryScale,
	LinearScale,
	DoughnutController,
	ArcElement,
	Tooltip,
	Legend,
);

export { Chart };

export type AnyChartConfig = ChartConfiguration<"bar"> | ChartConfiguration<"doughnut">;

/** The colours a chart draws with, read from the page's current theme. */
export type ChartTheme = {
	text: string;
	muted: string;
	grid: string;
	bg: string;
	accent: string;
	ok: string;
	warning: string;
	/** Distinct colours for categories, in order. */
	palette: string[];
	/** No animations when the OS asks for reduced motion. */
	animate: boolean;
	locale: string;
	/** Right to left (Arabic): axes, legends and tooltips mirror. */
	rtl: boolean;
};

const PALETTE_VARS = [
	"--type-ceremony-edge",
	"--type-lecture-edge",
	"--type-exchange-edge",
	"--type-visit-edge",
	"--accent",
	"--danger",
	"--type-pause-edge",
	"--type-other-edge",
];

export function readTheme(root: Element = document.documentElement): ChartTheme {
	const style = getComputedStyle(root);
	const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
	return {
		text: v("--text", "#1b1f24"),
		muted: v("--text-muted", "#565e6b"),
		grid: v("--border", "#d3d8df"),
		bg: v("--bg", "#ffffff"),
		accent: v("--accent", "#1d5bb8"),
		ok: v("--ok", "#1b6a36"),
		warning: v("--warning", "#9a5b00"),
		palette: PALETTE_VARS.map((name) => v(name, "#7c8592")),
		animate: !matchMedia("(prefers-reduced-motion: reduce)").matches,
		locale: formatLocale(),
		rtl: textDirection() === "rtl",
	};
}

/** Media queries whose changes must redraw the charts. */
export const THEME_QUERIES = ["(prefers-color-scheme: dark)", "(prefers-reduced-motion: reduce)"];

/** Paints the theme's background behind the chart, so a saved PNG is not transparent. */
export function backgroundPlugin(colour: string): Plugin {
	return {
		id: "plenaryBackground",
		beforeDraw(chart) {
			const { ctx } = chart;
			ctx.save();
			ctx.globalCompositeOperation = "destination-over";
			ctx.fillStyle = colour;
			ctx.fillRect(0, 0, chart.width, chart.height);
			ctx.restore();
		},
	};
}

/** Options every dashboard chart shares: theme colours, locale, motion, layout. */
export function baseOptions(theme: ChartTheme) {
	return {
		responsive: true,
		maintainAspectRatio: false,
		locale: theme.locale,
		animation: theme.animate ? undefined : (false as const),
		color: theme.text,
		borderColor: theme.grid,
		plugins: {
			legend: legendOptions(theme),
			tooltip: { enabled: true, rtl: theme.rtl, textDirection: theme.rtl ? "rtl" : "ltr" },
		},
	};
}

/**
 * A legend that reads in the UI's direction: right to left in Arabic, and on the inline-end
 * side when `side` asks for one.
 */
export function legendOptions(
	theme: ChartTheme,
	extra: { display?: boolean; side?: boolean } = {},
) {
	return {
		display: extra.display ?? true,
		rtl: theme.rtl,
		textDirection: theme.rtl ? "rtl" : "ltr",
		labels: { color: theme.text },
		...(extra.side ? { position: theme.rtl ? ("left" as const) : ("right" as const) } : {}),
	};
}

/** Axes for a bar chart; `horizontal` puts the categories on the y axis. */
export function barScales(theme: ChartTheme, horizontal: boolean) {
	// In Arabic the first category is on the right and horizontal bars grow leftwards.
	const value = {
		reverse: horizontal && theme.rtl,
		position: !horizontal && theme.rtl ? ("right" as const) : undefined,
		beginAtZero: true,
		ticks: { color: theme.muted, precision: 0 },
		grid: { color: theme.grid },
	};
	const category = {
		reverse: !horizontal && theme.rtl,
		position: horizontal && theme.rtl ? ("right" as const) : undefined,
		ticks: { color: theme.text, autoSkip: false },
		grid: { display: false },
	};
	return horizontal ? { x: value, y: category } : { x: category, y: value };
}
