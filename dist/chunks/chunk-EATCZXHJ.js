import { createRequire as __snapbackCreateRequire } from 'node:module'; const require = __snapbackCreateRequire(import.meta.url);

// src/heap.ts
import { setFlagsFromString } from "node:v8";
setFlagsFromString("--semi-space-growth-factor=1");
