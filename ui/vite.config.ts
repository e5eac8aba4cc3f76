/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import preact from "@preact/preset-vite";

// The Tauri shell loads ui/dist (see ../tauri.conf.json); `npm run dev` in a plain
// browser runs against the in-memory mock backend (src/lib/backend/mock.ts).
export default defineConfig({
  plugins: [preact()],
  clearScreen: false,
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // WebKitGTK 2.4x / WebView2 / WKWebView are all modern engines.
    target: "es2022",
  },
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
