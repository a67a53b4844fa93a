//! L-BFGS for the trainers (`train_sentiment`, `train_topics`): shared by `#[path]`.

/// Limited-memory BFGS (10 pairs) with a backtracking Armijo line search.
pub fn lbfgs(x: &mut [f64], mut f: impl FnMut(&[f64], &mut [f64]) -> f64, iters: usize) {
    let n = x.len();
    let dot = |a: &[f64], b: &[f64]| a.iter().zip(b).map(|(p, q)| p * q).sum::<f64>();
    let mut g = vec![0.0; n];
    let mut fx = f(x, &mut g);
    let mut hist: std::collections::VecDeque<(Vec<f64>, Vec<f64>, f64)> = Default::default();
    let mut g_new = vec![0.0; n];
    let mut x_new = vec![0.0; n];
    for _ in 0..iters {
        // Two-loop recursion: d = −H g.
        let mut q = g.clone();
        let mut alphas = Vec::with_capacity(hist.len());
        for (s, y, rho) in hist.iter().rev() {
            let a = rho * dot(s, &q);
            q.iter_mut().zip(y).for_each(|(qi, yi)| *qi -= a * yi);
            alphas.push(a);
        }
        if let Some((s, y, _)) = hist.back() {
            let gamma = dot(s, y) / dot(y, y);
            q.iter_mut().for_each(|v| *v *= gamma);
        } else {
            let gn = dot(&g, &g).sqrt().max(1e-12);
            q.iter_mut().for_each(|v| *v /= gn);
        }
        for ((s, y, rho), a) in hist.iter().zip(alphas.iter().rev()) {
            let bt = rho * dot(y, &q);
            q.iter_mut()
                .zip(s)
                .for_each(|(qi, si)| *qi += (a - bt) * si);
        }
        let d: Vec<f64> = q.iter().map(|v| -v).collect();
        let gd = dot(&g, &d);
        if gd >= 0.0 {
            hist.clear();
            continue;
        }
        let mut step = 1.0;
        let mut f_new;
        loop {
            for i in 0..n {
                x_new[i] = x[i] + step * d[i];
            }
            f_new = f(&x_new, &mut g_new);
            if f_new <= fx + 1e-4 * step * gd || step < 1e-10 {
                break;
            }
            step *= 0.5;
        }
        let s: Vec<f64> = x_new.iter().zip(x.iter()).map(|(a, b)| a - b).collect();
        let y: Vec<f64> = g_new.iter().zip(g.iter()).map(|(a, b)| a - b).collect();
        let sy = dot(&s, &y);
        let done = (fx - f_new).abs() <= 1e-7 * fx.abs().max(1.0);
        x.copy_from_slice(&x_new);
        g.copy_from_slice(&g_new);
        fx = f_new;
        if sy > 1e-12 {
            hist.push_back((s, y, 1.0 / sy));
            if hist.len() > 10 {
                hist.pop_front();
            }
        }
        if done {
            break;
        }
    }
}
