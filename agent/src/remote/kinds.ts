// Every tunnel target module, imported for its registerTarget(...) call. Add a line per kind.
import './files.js';
import './tcp.js';
import './terminal.js';
import './vnc.js';
