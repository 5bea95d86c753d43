/* The generated ABI header for user-space tools. */
#include <linux/types.h>
#include "tpc_abi.h"
