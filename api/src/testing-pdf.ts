import * as mupdf from 'mupdf';

/**
 * A PDF's page as a person sees it, for tests: rendered to PNG by MuPDF (WASM,
 * no system packages), its text, and the share of pixels that are not white
 * (a blank or broken page has next to none).
 */
export function renderPdfPage(bytes: Uint8Array, pageIndex = 0) {
  const document = mupdf.Document.openDocument(bytes, 'application/pdf');
  try {
    const pages = document.countPages();
    const page = document.loadPage(pageIndex);
    const pixmap = page.toPixmap(mupdf.Matrix.scale(1.5, 1.5), mupdf.ColorSpace.DeviceRGB, false, true);
    const samples = pixmap.getPixels();
    let inked = 0;
    for (let index = 0; index < samples.length; index += 3)
      if ((samples[index] ?? 255) + (samples[index + 1] ?? 255) + (samples[index + 2] ?? 255) < 720) inked++;
    const result = {
      pages,
      text: page.toStructuredText('preserve-whitespace').asText(),
      png: pixmap.asPNG(),
      width: pixmap.getWidth(),
      height: pixmap.getHeight(),
      inkedShare: inked / (samples.length / 3),
    };
    pixmap.destroy();
    page.destroy();
    return result;
  } finally {
    document.destroy();
  }
}
