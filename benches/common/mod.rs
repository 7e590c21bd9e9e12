//! Timing helpers shared by the benchmarks.

#![allow(dead_code)]

use std::time::{Duration, Instant};

/// CPU time of the whole process, all threads: unlike wall time, not inflated when other work
/// shares the machine (on an idle 2-core machine, wall time is between CPU/2 and CPU).
pub fn cpu() -> Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime only writes the timespec it is given.
    unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut t) };
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

/// CPU time of the calling thread alone (the interface thread, while a search runs on another).
pub fn thread_cpu() -> Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime only writes the timespec it is given.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

/// Median wall and CPU time of five runs of `f`, in milliseconds.
pub fn median(mut f: impl FnMut()) -> (f64, f64) {
    let mut walls = Vec::new();
    let mut cpus = Vec::new();
    for _ in 0..5 {
        let (wall, cpu0) = (Instant::now(), cpu());
        f();
        walls.push(wall.elapsed().as_secs_f64() * 1e3);
        cpus.push((cpu() - cpu0).as_secs_f64() * 1e3);
    }
    walls.sort_by(f64::total_cmp);
    cpus.sort_by(f64::total_cmp);
    (walls[2], cpus[2])
}
