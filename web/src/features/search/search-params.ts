import { z } from 'zod';
import { textParam } from '../../lib/search-params';

/** /suche?q=…: what was searched for, trimmed. */
export const searchPageSearch = z.object({ q: textParam() });
