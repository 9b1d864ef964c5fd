/// <reference types="vite/client" />
// window.licenseDesk is declared once, beside the preload that exposes it: src/preload/index.d.ts.
