//! placeholder until the cluster module lands
