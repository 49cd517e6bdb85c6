;; out[s] = sum over p of qty[p] * M[row p][s], for s < width: one account's loss in every scenario,
;; summed from its positions' rows of a risk array. Two scenarios per f64x2 lane pair and four rows per
;; pass over out, added in the same order as the JavaScript kernel (account-scenario-losses.ts), so
;; both give bit-identical sums (WebAssembly SIMD has no fused multiply-add).
;;
;; Compiled to weighted-row-sum.wasm.ts by `npm run build:wasm`; a unit test recompiles it and
;; compares, so the committed bytes always come from this source.
(module
  (memory (export "memory") 1)
  (func (export "weightedRowSum")
    (param $rows i32) ;; address of n i32: byte address of each position's row
    (param $qtys i32) ;; address of n f64: each position's quantity
    (param $n i32)
    (param $width i32) ;; row length in f64; even
    (param $out i32) ;; address of width f64
    (local $bytes i32) (local $p i32) (local $s i32) (local $at i32)
    (local $r0 i32) (local $r1 i32) (local $r2 i32) (local $r3 i32)
    (local $q0 v128) (local $q1 v128) (local $q2 v128) (local $q3 v128)
    (local.set $bytes (i32.shl (local.get $width) (i32.const 3)))
    (memory.fill (local.get $out) (i32.const 0) (local.get $bytes))
    (block $fours_done
      (loop $fours
        (br_if $fours_done (i32.gt_s (i32.add (local.get $p) (i32.const 4)) (local.get $n)))
        (local.set $at (i32.add (local.get $rows) (i32.shl (local.get $p) (i32.const 2))))
        (local.set $r0 (i32.load offset=0 (local.get $at)))
        (local.set $r1 (i32.load offset=4 (local.get $at)))
        (local.set $r2 (i32.load offset=8 (local.get $at)))
        (local.set $r3 (i32.load offset=12 (local.get $at)))
        (local.set $at (i32.add (local.get $qtys) (i32.shl (local.get $p) (i32.const 3))))
        (local.set $q0 (f64x2.splat (f64.load offset=0 (local.get $at))))
        (local.set $q1 (f64x2.splat (f64.load offset=8 (local.get $at))))
        (local.set $q2 (f64x2.splat (f64.load offset=16 (local.get $at))))
        (local.set $q3 (f64x2.splat (f64.load offset=24 (local.get $at))))
        (local.set $s (i32.const 0))
        (loop $columns
          (local.set $at (i32.add (local.get $out) (local.get $s)))
          (v128.store (local.get $at)
            (f64x2.add
              (f64x2.add
                (f64x2.add
                  (f64x2.add
                    (v128.load (local.get $at))
                    (f64x2.mul (local.get $q0) (v128.load (i32.add (local.get $r0) (local.get $s)))))
                  (f64x2.mul (local.get $q1) (v128.load (i32.add (local.get $r1) (local.get $s)))))
                (f64x2.mul (local.get $q2) (v128.load (i32.add (local.get $r2) (local.get $s)))))
              (f64x2.mul (local.get $q3) (v128.load (i32.add (local.get $r3) (local.get $s))))))
          (local.set $s (i32.add (local.get $s) (i32.const 16)))
          (br_if $columns (i32.lt_u (local.get $s) (local.get $bytes))))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (br $fours)))
    (block $ones_done
      (loop $ones
        (br_if $ones_done (i32.ge_s (local.get $p) (local.get $n)))
        (local.set $r0 (i32.load (i32.add (local.get $rows) (i32.shl (local.get $p) (i32.const 2)))))
        (local.set $q0 (f64x2.splat (f64.load (i32.add (local.get $qtys) (i32.shl (local.get $p) (i32.const 3))))))
        (local.set $s (i32.const 0))
        (loop $columns
          (local.set $at (i32.add (local.get $out) (local.get $s)))
          (v128.store (local.get $at)
            (f64x2.add
              (v128.load (local.get $at))
              (f64x2.mul (local.get $q0) (v128.load (i32.add (local.get $r0) (local.get $s))))))
          (local.set $s (i32.add (local.get $s) (i32.const 16)))
          (br_if $columns (i32.lt_u (local.get $s) (local.get $bytes))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $ones)))))
