/// <reference types="vitest/config" />
// Vite serves and bundles the Plenary UI; Tauri loads `dist/` in production and the dev server
// on port 1420 in development (see tauri.conf.json at the repository root).
import { fileURLToPath } from "node:url";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { defineConfig } from "vite";

export default defineConfig({
	plugins: [svelte()],
	resolve: {
		alias: {
			$lib: fileURLToPath(new URL("./src/lib", import.meta.url)),
		},
	},
	// Keep Rust compiler output visible in the same terminal.
	clearScreen: false,
	server: {
		port: 1420,
		strictPort: true,
		host: "localhost",
		watch: {
			// The Rust side rebuilds on its own; watching it only costs CPU.
			ignored: ["**/src-tauri/**"],
		},
	},
	envPrefix: ["VITE_", "TAURI_ENV_*"],
	build: {
		outDir: "dist",
		emptyOutDir: true,
		// WebView2, WKWebView (macOS 12+) and WebKitGTK 2.40+ all run ES2022.
		target: "es2022",
		sourcemap: false,
		// Flags (src/lib/flags.ts) stay files: inlined, 270 SVGs would all load with the script.
		assetsInlineLimit: (file) => (file.includes("/flag-icons/") ? false : undefined),
	},
	test: {
		environment: "node",
		include: ["src/**/*.test.ts"],
	},
});
