import { createRequire as __snapbackCreateRequire } from 'node:module'; const require = __snapbackCreateRequire(import.meta.url);
import "./chunks/chunk-EATCZXHJ.js";

// src/index.ts
var { run } = await import("./chunks/main-BXIBIDLH.js");
await run();
