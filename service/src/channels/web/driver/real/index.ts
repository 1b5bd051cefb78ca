/** Real WhatsApp Web driver. Separate entry point: importing it loads whatsapp-web.js and puppeteer. */
export { RealWebDriver, DEFAULT_WEB_VERSION, type RealWebDriverConfig } from './realWebDriver';
export { CONTAINER_CHROMIUM_ARGS } from './chromiumArgs';
export type { MissingWebVersionPolicy } from './webVersionResolver';
