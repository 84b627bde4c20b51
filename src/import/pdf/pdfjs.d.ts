// pdfjs-dist ships its types for the package root only; the legacy build (which we load) has the same API.
declare module 'pdfjs-dist/legacy/build/pdf.mjs';
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs';
