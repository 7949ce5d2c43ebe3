// The heap settings first; everything else loads after them (a static import would load first).
import './heap.js';

const { run } = await import('./main.js');
await run();
