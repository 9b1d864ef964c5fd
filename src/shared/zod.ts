// zod for every schema of the project, set up once: jitless, so no parser is generated with
// new Function at run time (it costs more than it saves in a short-lived CLI, and a strict CSP forbids
// it in the renderer). Import zm from here, never from 'zod' directly: the setting must be made before
// any schema is built.
//
// zm is zod/mini: the same checks, issues and messages as classic zod, but a schema does not carry the
// ~50 chainable methods classic zod attaches to every instance, and the bundles carry one flavour of
// zod only (the CLI's is 40% smaller than with classic zod).
import * as zm from 'zod/mini'

zm.config({ jitless: true })

export { zm }
