import { defineConfig } from "vitest/config";

// Served at /console by both hosts, from files embedded in FollowUp.Core: every asset is bundled (no CDN, so it works
// on a closed network), and nothing is inlined into the HTML, so the Content-Security-Policy needs no 'unsafe-inline'.
export default defineConfig({
  base: "/console/",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      input: { index: "index.html", frame: "frame.html" },
    },
  },
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
