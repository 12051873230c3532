#ifndef REBOUND_CREADLINE_SHIM_H
#define REBOUND_CREADLINE_SHIM_H
// readline's headers use FILE, so stdio.h comes first.
#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>
#endif
