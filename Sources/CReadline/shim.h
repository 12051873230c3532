#ifndef REBOUND_CREADLINE_SHIM_H
#define REBOUND_CREADLINE_SHIM_H
// readline's headers use FILE, so stdio.h comes first.
#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>

// Swift 6 rejects reads and writes of C globals; these accessors keep them in C.
static inline void rb_set_catch_signals(int value) { rl_catch_signals = value; }
static inline void rb_set_catch_sigwinch(int value) { rl_catch_sigwinch = value; }
static inline void rb_set_readline_name(const char *name) { rl_readline_name = name; }
static inline void rb_set_completion_function(rl_completion_func_t *function) { rl_attempted_completion_function = function; }
static inline void rb_set_completion_over(int value) { rl_attempted_completion_over = value; }
static inline const char *rb_line_buffer(void) { return rl_line_buffer; }
static inline int rb_point(void) { return rl_point; }
#endif
