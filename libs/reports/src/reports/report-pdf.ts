import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (the package `chromium`), unless CHROMIUM_PATH names another. */
export function chromiumPath(env: Readonly<NodeJS.ProcessEnv> = process.env): string {
  return env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/**
 * Prints an HTML document to PDF with headless Chromium (playwright-core drives it; no browser
 * is downloaded). The page loads nothing: the document is set as content with JavaScript off,
 * so a text of the record cannot run or fetch anything. One browser per document: reports are
 * rare, and a browser kept open would hold ~100 MB between them.
 */
export async function htmlToPdf(html: string, options: { executablePath?: string } = {}): Promise<Buffer> {
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: options.executablePath ?? chromiumPath(), args: ['--no-sandbox', '--disable-gpu', '--font-render-hinting=none'] });
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await browser?.close();
  }
}
