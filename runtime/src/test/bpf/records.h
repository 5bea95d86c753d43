/* Record the test programs write to their ring buffer; TestObjects.java reads it. */
#ifndef TPC_TEST_RECORDS_H
#define TPC_TEST_RECORDS_H
struct test_record {
	__u32 magic;      /* .rodata magic, proves the plan's value reached the program */
	__u32 pid;        /* tgid of the process that hit the hook */
	__u64 config;     /* config[0], proves a plain map was filled */
	__u64 inner;      /* value of key 42 in inner map tpct_outer[0], 0 if none */
	char comm[16];
};
#endif
