// The console's entry point (a module: it runs after assets/i18n.js and assets/language.js, which are deferred).
import { start } from "./app.js";

start();
