/*
 * What a first write to each page of a memory-mapped file costs, page by page, with and without madvise advice:
 * the measurement behind the journal pretoucher's MADV_RANDOM (README, "This stop").
 *   gcc -O2 -o /tmp/pagefaults benchmarks/pagefaults/pagefaults.c
 *   /tmp/pagefaults DIR/file.bin 256 none        # sparse file, default faults
 *   /tmp/pagefaults DIR/file.bin 256 madv_random # one page a fault
 * (also fadv_random, madv_nohuge). The file is created, mapped, written a byte a page, then deleted.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/mman.h>
#include <time.h>
static long ns(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec*1000000000L+t.tv_nsec;}
static int cmp(const void*a,const void*b){long x=*(long*)a,y=*(long*)b;return x<y?-1:x>y;}
int main(int c,char**v){
  const char*path=v[1]; long mb=atol(v[2]); const char*mode=v[3];
  unlink(path); int fd=open(path,O_RDWR|O_CREAT,0644); long size=mb<<20; ftruncate(fd,size);
  if(!strcmp(mode,"fadv_random")) posix_fadvise(fd,0,size,POSIX_FADV_RANDOM);
  char*p=mmap(0,size,PROT_READ|PROT_WRITE,MAP_SHARED,fd,0);
  if(!strcmp(mode,"madv_random")) madvise(p,size,MADV_RANDOM);
  if(!strcmp(mode,"madv_nohuge")) madvise(p,size,MADV_NOHUGEPAGE);
  long pages=size/4096; long*t=malloc(pages*8); long sum=0;
  for(long i=0;i<pages;i++){long s=ns(); p[i*4096]=1; t[i]=ns()-s; sum+=t[i];}
  qsort(t,pages,8,cmp);
  printf("%-12s mean %.1f us p50 %.1f p99 %.1f p99.9 %.1f p99.99 %.1f max %.1f us total %.0f ms\n",mode,sum/1e3/pages,t[pages/2]/1e3,t[pages*99/100]/1e3,t[pages*999/1000]/1e3,t[pages*9999/10000]/1e3,t[pages-1]/1e3,sum/1e6);
  munmap(p,size); close(fd); unlink(path); return 0;}
