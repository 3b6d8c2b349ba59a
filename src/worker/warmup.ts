// Notes the checking worker checks while it has nothing else to do, once,
// from its start on: a fresh worker runs the checker's code
// unoptimised (V8 compiles a function for speed only after it ran a while),
// and the first check of a multivariate note took several times as long as
// the next (1.5 s of CPU against 0.2 s for seed 003). These notes run the
// same code a real note does (the reading, compiling each side, derivatives
// with respect to vectors and matrices, updates, conditions at stationary
// points, the cause of a failing step), so that a note opened later is
// checked by warm code. Written for this purpose; a request arriving meanwhile
// stops the warm-up between two chains (checkWorker.ts), so it waits for at
// most one chain of them.

/** A one-dimensional mixture: likelihood, responsibilities, gradients, updates, a Lagrangian, one wrong step. */
const ONE_DIMENSION = String.raw`# Warm-up: a one-dimensional mixture

$$\log p(X \mid \theta) = \sum_{n=1}^N \log \sum_{k=1}^K \pi_k \mathcal{N}(x_n \mid \mu_k, \sigma_k^2)$$

$$\gamma_{nk} = \frac{\pi_k \mathcal{N}(x_n \mid \mu_k, \sigma_k^2)}{\sum_{j=1}^K \pi_j \mathcal{N}(x_n \mid \mu_j, \sigma_j^2)}$$

$$\frac{\partial \log p(X \mid \theta)}{\partial \mu_k} = \sum_{n=1}^N \gamma_{nk} \frac{x_n - \mu_k}{\sigma_k^2}$$

$$\frac{\partial \log p(X \mid \theta)}{\partial \sigma_k^2} = \sum_{n=1}^N \gamma_{nk} \left( \frac{(x_n - \mu_k)^2}{2 \sigma_k^4} - \frac{1}{2 \sigma_k^2} \right)$$

$$N_k = \sum_{n=1}^N \gamma_{nk}$$

$$\mu_k^{new} = \frac{1}{N_k} \sum_{n=1}^N \gamma_{nk} x_n$$

$$\pi_k^{new} = \frac{N_k}{N}$$

$$\mathcal{L} = \log p(X \mid \theta) + \lambda \left( \sum_{k=1}^K \pi_k - 1 \right)$$

$$\frac{\partial \mathcal{L}}{\partial \pi_k} = \sum_{n=1}^N \frac{\mathcal{N}(x_n \mid \mu_k, \sigma_k^2)}{\sum_{j=1}^K \pi_j \mathcal{N}(x_n \mid \mu_j, \sigma_j^2)} + \lambda = 0$$

$$\frac{\partial}{\partial \mu_k} \mu_k^3 = \mu_k^2$$
`;

/** A multivariate mixture: gradients with respect to a mean vector and a covariance matrix. */
const GRADIENTS = String.raw`# Warm-up: a multivariate mixture

$$p(\mathbf{x}) = \sum_{k=1}^K \pi_k \mathcal{N}(\mathbf{x} \mid \boldsymbol{\mu}_k, \boldsymbol{\Sigma}_k)$$

$$\frac{\partial}{\partial \boldsymbol{\mu}_k} \log \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \boldsymbol{\Sigma}_k) = \boldsymbol{\Sigma}_k^{-1} (\mathbf{x}_n - \boldsymbol{\mu}_k)$$

$$\frac{\partial}{\partial \boldsymbol{\Sigma}_k} \log \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \boldsymbol{\Sigma}_k) = -\frac{1}{2} \boldsymbol{\Sigma}_k^{-1} + \frac{1}{2} \boldsymbol{\Sigma}_k^{-1} (\mathbf{x}_n - \boldsymbol{\mu}_k) (\mathbf{x}_n - \boldsymbol{\mu}_k)^\top \boldsymbol{\Sigma}_k^{-1}$$

$$\frac{\partial}{\partial \boldsymbol{\Sigma}_k} \left( \det(\boldsymbol{\Sigma}_k)^{-\frac{1}{2}} \exp\left( -\frac{1}{2} (\mathbf{x}_n - \boldsymbol{\mu}_k)^\top \boldsymbol{\Sigma}_k^{-1} (\mathbf{x}_n - \boldsymbol{\mu}_k) \right) \right) = \det(\boldsymbol{\Sigma}_k)^{-\frac{1}{2}} \exp\left( -\frac{1}{2} (\mathbf{x}_n - \boldsymbol{\mu}_k)^\top \boldsymbol{\Sigma}_k^{-1} (\mathbf{x}_n - \boldsymbol{\mu}_k) \right) \cdot \frac{1}{2} \left( \boldsymbol{\Sigma}_k^{-1} (\mathbf{x}_n - \boldsymbol{\mu}_k) (\mathbf{x}_n - \boldsymbol{\mu}_k)^\top \boldsymbol{\Sigma}_k^{-1} - \boldsymbol{\Sigma}_k^{-1} \right)$$
`;

/** A multivariate mixture: a stationarity condition, the M-step updates, a step that drops Σ⁻¹. */
const UPDATES = String.raw`# Warm-up: a multivariate mixture

$$\log p(\mathbf{x}_n) = \log \sum_{k=1}^K \pi_k \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \boldsymbol{\Sigma}_k)$$

$$\sum_{n=1}^N \frac{\partial \log p(\mathbf{x}_n)}{\partial \boldsymbol{\mu}_k} = \mathbf{0}$$

$$\boldsymbol{\mu}_k^{new} = \frac{\sum_{n=1}^N \gamma_{nk} \mathbf{x}_n}{\sum_{n=1}^N \gamma_{nk}}$$

$$\boldsymbol{\Sigma}_k^{new} = \frac{1}{N_k} \sum_{n=1}^N \gamma_{nk} (\mathbf{x}_n - \boldsymbol{\mu}_k^{new})(\mathbf{x}_n - \boldsymbol{\mu}_k^{new})^\top$$

$$\frac{\partial \mathcal{L}}{\partial \boldsymbol{\mu}_k} = \sum_{n=1}^N \gamma_{nk} \boldsymbol{\Sigma}_k^{-1} (\mathbf{x}_n - \boldsymbol{\mu}_k) = \sum_{n=1}^N \gamma_{nk} (\mathbf{x}_n - \boldsymbol{\mu}_k)$$
`;

export const WARM_UP_NOTES: readonly string[] = [ONE_DIMENSION, GRADIENTS, UPDATES];
