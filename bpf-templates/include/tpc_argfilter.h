/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * matchArgs: one FILTER of the blob against one argument read into the args
 * area of tpc_msg. Integer operators compare at the argument type's width
 * (signed for int/sint* types); string operators use Tetragon's value maps:
 * the 11 length buckets for Equal/NotEqual, LPM tries for Prefix and
 * (reversed) Postfix.
 */
#ifndef TPC_ARGFILTER_H
#define TPC_ARGFILTER_H

TPC_INLINE int tpc_type_signed(__u32 type)
{
	return type == TG_TY_INT || type == TG_TY_S32 || type == TG_TY_S64 || type == TG_TY_S16 || type == TG_TY_S8;
}

/* Width in bits at which a type is compared; 0 for non-integers. */
TPC_INLINE int tpc_int_width(__u32 type)
{
	switch (type) {
	case TG_TY_S64:
	case TG_TY_U64:
	case TG_TY_SYSCALL64:
	case TG_TY_KERNEL_CAP:
	case TG_TY_CAP_INHERITABLE:
	case TG_TY_CAP_PERMITTED:
	case TG_TY_CAP_EFFECTIVE:
		return 64;
	case TG_TY_INT:
	case TG_TY_S32:
	case TG_TY_U32:
	case TG_TY_SIZE_T:
		return 32;
	case TG_TY_S16:
	case TG_TY_U16:
		return 16;
	case TG_TY_S8:
	case TG_TY_U8:
		return 8;
	}
	return 0;
}

/* A blob value of the filter's width, zero- or sign-extended to 64 bits. */
TPC_INLINE __u64 tpc_blob_val(const __u8 *f, __u32 off, int width, int sgn)
{
	if (width == 64)
		return blob_u64(f, off);
	if (sgn)
		return (__u64)(__s64)(__s32)blob_u32(f, off);
	return blob_u32(f, off);
}

/* One value of Equal/NotEqual (both "equal"), GT, LT, Mask. */
TPC_INLINE int tpc_int_hit(__u32 op, int sgn, __u64 ua, __s64 sa, __u64 w)
{
	if (op == TG_OP_GT)
		return sgn ? sa > (__s64)w : ua > w;
	if (op == TG_OP_LT)
		return sgn ? sa < (__s64)w : ua < w;
	if (op == TG_OP_MASK)
		return (ua & w) != 0;
	return sgn ? sa == (__s64)w : ua == w;
}

/* Integer operators. ua/sa: the argument at its width, zero- and sign-extended. */
TPC_INLINE int tpc_filter_int(const __u8 *f, __u32 op, __u32 type, __u32 vals, __u32 nbytes, __u64 raw)
{
	int width = tpc_int_width(type), sgn = tpc_type_signed(type);
	__u32 vw = width == 64 ? 8 : 4, i;
	__u64 ua = raw;
	__s64 sa = raw;
	int found;

	if (width == 32) {
		ua = (__u32)raw;
		sa = (__s32)raw;
	} else if (width == 16) {
		ua = (__u16)raw;
		sa = (__s16)raw;
	} else if (width == 8) {
		ua = (__u8)raw;
		sa = (__s8)raw;
	}

	if ((op == TG_OP_INMAP && CFG_HAS_ARG_OP(TG_OP_INMAP)) || (op == TG_OP_NOTINMAP && CFG_HAS_ARG_OP(TG_OP_NOTINMAP))) {
		__u32 id = blob_u32(f, vals);
		__u64 key = ua;
		void *inner = bpf_map_lookup_elem(&argfilter_maps, &id);

		if (!inner)
			return 0;
		found = bpf_map_lookup_elem(inner, &key) != NULL;
		return op == TG_OP_INMAP ? found : !found;
	}
	if ((op == TG_OP_INRANGE && CFG_HAS_ARG_OP(TG_OP_INRANGE)) ||
	    (op == TG_OP_NOTINRANGE && CFG_HAS_ARG_OP(TG_OP_NOTINRANGE))) {
		for (i = 0; i < TPC_MAX_VALUES; i++) {
			__u64 lo, hi;

			if ((i + 1) * 2 * vw > nbytes)
				break;
			lo = tpc_blob_val(f, vals + 2 * i * vw, width, sgn);
			hi = tpc_blob_val(f, vals + (2 * i + 1) * vw, width, sgn);
			if (sgn ? ((__s64)lo <= sa && sa <= (__s64)hi) : (lo <= ua && ua <= hi))
				return op == TG_OP_INRANGE;
		}
		return op == TG_OP_NOTINRANGE;
	}
	if (!((op == TG_OP_EQ && CFG_HAS_ARG_OP(TG_OP_EQ)) || (op == TG_OP_NEQ && CFG_HAS_ARG_OP(TG_OP_NEQ)) ||
	      (op == TG_OP_GT && CFG_HAS_ARG_OP(TG_OP_GT)) || (op == TG_OP_LT && CFG_HAS_ARG_OP(TG_OP_LT)) ||
	      (op == TG_OP_MASK && CFG_HAS_ARG_OP(TG_OP_MASK))))
		return 0;
	for (i = 0; i < TPC_MAX_VALUES; i++) {
		__u64 w;

		if ((i + 1) * vw > nbytes)
			break;
		w = tpc_blob_val(f, vals + i * vw, width, sgn);
		if (tpc_int_hit(op, sgn, ua, sa, w))
			return op != TG_OP_NEQ;
	}
	return op == TG_OP_NEQ;
}

/* Zero the first size bytes of scratch->key. */
TPC_INLINE void tpc_zero_key(struct tpc_scratch *sc, __u64 size)
{
	TPC_CLAMP(size, TPC_ARG_STR_MAX + 2);
	bpf_probe_read_kernel(sc->key, size, sc->zeros);
}

TPC_INLINE void *tpc_string_map(__u32 bucket, __u32 id)
{
	switch (bucket) {
	case 0: return bpf_map_lookup_elem(&string_maps_0, &id);
	case 1: return bpf_map_lookup_elem(&string_maps_1, &id);
	case 2: return bpf_map_lookup_elem(&string_maps_2, &id);
	case 3: return bpf_map_lookup_elem(&string_maps_3, &id);
	case 4: return bpf_map_lookup_elem(&string_maps_4, &id);
	case 5: return bpf_map_lookup_elem(&string_maps_5, &id);
	case 6: return bpf_map_lookup_elem(&string_maps_6, &id);
	case 7: return bpf_map_lookup_elem(&string_maps_7, &id);
#ifdef TPC_V511
	case 8: return bpf_map_lookup_elem(&string_maps_8, &id);
	case 9: return bpf_map_lookup_elem(&string_maps_9, &id);
	case 10: return bpf_map_lookup_elem(&string_maps_10, &id);
#endif
	}
	return NULL;
}

/* Equal/NotEqual: is the string in the filter's bucket map? (Tetragon's string_padded_len) */
TPC_INLINE int tpc_str_equal(struct tpc_scratch *sc, const __u8 *f, __u32 vals, const __u8 *str, __u32 len)
{
	__u32 padded, bucket, id, hdr;
	void *inner;

	if (len == 0 || len > TPC_MAX_STRING)
		return 0;
	if (len <= TG_STRING_SMALL_MAX) {
		padded = ((len + TG_STRING_KEY_INC - 1) / TG_STRING_KEY_INC) * TG_STRING_KEY_INC;
		bucket = padded / TG_STRING_KEY_INC - 1;
		hdr = 1;
	} else if (len <= 256) {
		padded = 256;
		bucket = 6;
		hdr = 2;
	} else {
#ifdef TPC_V511
		if (len <= 512) {
			padded = 512;
			bucket = 7;
		} else if (len <= 1024) {
			padded = 1024;
			bucket = 8;
		} else if (len <= 2048) {
			padded = 2048;
			bucket = 9;
		} else {
			padded = 4096;
			bucket = 10;
		}
#else
		padded = 510;
		bucket = 7;
#endif
		hdr = 2;
	}
	id = blob_u32(f, vals + 4 * bucket);
	if (id == TPC_NO_MAP_ID)
		return 0;
	inner = tpc_string_map(bucket, id);
	if (!inner)
		return 0;
	tpc_zero_key(sc, padded + hdr);
	if (hdr == 1) {
		sc->key[0] = len;
		bpf_probe_read_kernel(&sc->key[1], TPC_MASK(len, 255), str);
	} else {
		__u64 n = len;

		*(__u16 *)sc->key = len;
		TPC_CLAMP(n, TPC_ARG_STR_MAX);
		bpf_probe_read_kernel(&sc->key[2], n, str);
	}
	return bpf_map_lookup_elem(inner, sc->key) != NULL;
}

/* Prefix: LPM lookup of the first min(len, 255) bytes. */
TPC_INLINE int tpc_str_prefix(struct tpc_scratch *sc, const __u8 *f, __u32 vals, const __u8 *str, __u32 len)
{
	__u32 id = blob_u32(f, vals);
	void *inner = bpf_map_lookup_elem(&string_prefix_maps, &id);

	if (!inner || len == 0)
		return 0;
	if (len >= TG_STRING_PREFIX_MAX)
		len = TG_STRING_PREFIX_MAX - 1;
	sc->prefix.prefixlen = len * 8;
	bpf_probe_read_kernel(sc->prefix.data, TPC_MASK(len, 255), str);
	return bpf_map_lookup_elem(inner, &sc->prefix) != NULL;
}

/* Postfix: LPM lookup of the last min(len, 127) bytes, reversed. */
TPC_INLINE int tpc_str_postfix(struct tpc_scratch *sc, const __u8 *f, __u32 vals, const __u8 *str, __u32 len)
{
	__u32 id = blob_u32(f, vals), n, i;
	void *inner = bpf_map_lookup_elem(&string_postfix_maps, &id);

	if (!inner || len == 0)
		return 0;
	n = len > TG_STRING_POSTFIX_MATCH_MAX ? TG_STRING_POSTFIX_MATCH_MAX : len;
	bpf_probe_read_kernel(sc->tmp, TPC_MASK(n, 127), str + (len - n));
	for (i = 0; i < TG_STRING_POSTFIX_MATCH_MAX; i++) {
		if (i >= n)
			break;
		sc->postfix.data[i] = sc->tmp[(n - 1 - i) & 127];
	}
	sc->postfix.prefixlen = n * 8;
	return bpf_map_lookup_elem(inner, &sc->postfix) != NULL;
}

TPC_INLINE int tpc_filter_str(const __u8 *f, __u32 op, __u32 vals, const __u8 *str, __u32 len)
{
	struct tpc_scratch *sc = tpc_scratch_get();
	int match = 0;

	if (!sc)
		return 0;
	if ((op == TG_OP_EQ && CFG_HAS_ARG_OP(TG_OP_EQ)) || (op == TG_OP_NEQ && CFG_HAS_ARG_OP(TG_OP_NEQ)))
		match = tpc_str_equal(sc, f, vals, str, len);
	else if ((op == TG_OP_PREFIX && CFG_HAS_ARG_OP(TG_OP_PREFIX)) ||
		 (op == TG_OP_NOTPREFIX && CFG_HAS_ARG_OP(TG_OP_NOTPREFIX)))
		match = tpc_str_prefix(sc, f, vals, str, len);
	else if ((op == TG_OP_POSTFIX && CFG_HAS_ARG_OP(TG_OP_POSTFIX)) ||
		 (op == TG_OP_NOTPOSTFIX && CFG_HAS_ARG_OP(TG_OP_NOTPOSTFIX)))
		match = tpc_str_postfix(sc, f, vals, str, len);
	else
		return 0;
	return (op == TG_OP_NEQ || op == TG_OP_NOTPREFIX || op == TG_OP_NOTPOSTFIX) ? !match : match;
}

/* One FILTER at blob offset off. */
TPC_GLOBAL int tpc_filter_arg(__u32 off)
{
	struct tpc_msg *m = tpc_msg_get();
	const __u8 *f = tpc_blob();
	__u32 index, op, vallen, type, aoff, nbytes, len;
	const __u8 *ap;

	if (!m || !f)
		return 0;
	index = blob_u32(f, off);
	op = blob_u32(f, off + 4);
	vallen = blob_u32(f, off + 8);
	type = blob_u32(f, off + 12);
	if (index >= TPC_MAX_ARGS)
		return 0;
	aoff = m->ev.arg_off[TPC_IDX(index, 7)];
	if (aoff > TPC_ARG_OFF_MAX)
		return 0;
	TPC_CLAMP(aoff, TPC_ARG_OFF_MAX);
	ap = &m->args[aoff];
	nbytes = vallen >= 8 ? vallen - 8 : 0;
	if (tpc_int_width(type))
		return tpc_filter_int(f, op, type, off + 16, nbytes, *(const __u64 *)ap);
	switch (type) {
	case TG_TY_STRING:
	case TG_TY_DATA_LOC:
	case TG_TY_NET_DEVICE:
	case TG_TY_FILENAME:
		len = *(const __u32 *)ap;
		return tpc_filter_str(f, op, off + 16, ap + TPC_ARG_STR_HDR, len);
	case TG_TY_CHAR_BUF:
		len = *(const __u32 *)(ap + 4);
		return tpc_filter_str(f, op, off + 16, ap + TPC_ARG_STR_HDR, len);
	case TG_TY_FILE:
	case TG_TY_PATH:
	case TG_TY_DENTRY:
	case TG_TY_LINUX_BINPRM:
		/* a file without a path (e.g. a pipe) matches nothing, whatever the operator */
		len = *(const __u32 *)ap;
		if (len == 0)
			return 0;
		return tpc_filter_str(f, op, off + 16, ap + TPC_ARG_STR_HDR, len);
	}
	/* like Tetragon: filters on types it does not compare leave the selector's verdict unchanged */
	return 1;
}

/* All arg filters of selector s (ANDed). */
TPC_GLOBAL int tpc_sel_args(__u32 s)
{
	struct tpc_msg *m = tpc_msg_get();
	const __u8 *f = tpc_blob();
	__u32 base, i;

	if (!m || !f || s >= TPC_MAX_SELECTORS)
		return 0;
	base = m->sec[TPC_IDX(s, 7)][TPC_S_ARGS];
	if (blob_u32(f, base) <= 24)
		return 1;
	for (i = 0; i < TPC_MAX_ARGS; i++) {
		__u32 rel = blob_u32(f, base + 4 + 4 * i);

		if (rel == 0)
			break;
		if (!tpc_filter_arg(base + rel))
			return 0;
	}
	return 1;
}

#include "tpc_actions.h"

#endif /* TPC_ARGFILTER_H */
