// SPDX-License-Identifier: GPL-2.0
/* placeholder: filled by the #3 work */
