using MLPrimer.Compression;
using TorchSharp;

namespace MLPrimer.Tests.Compression;

public class DistillationLossTests
{
    [Fact]
    public void MatchesAHandComputedValue()
    {
        // student [1, 2], teacher [2, 1], label 0, T = 2, α = 0.5.
        // Soft targets: p_t = σ-pair of [1, 0.5], p_s of [0.5, 1]; both log-odds differ by 0.5, so
        // KL(p_t ‖ p_s) = (p_t0 − p_s0) · 0.5 · 2 / 2 = tanh(0.25) · 0.5 = 0.1224593; T² · KL = 0.4898373.
        // Hard term: −log softmax([1, 2])[0] = log(1 + e) = 1.3132617. Loss = 0.5 · 0.4898373 + 0.5 · 1.3132617 = 0.9015495.
        var loss = new DistillationLoss(temperature: 2, alpha: 0.5).Forward(
            torch.tensor(new float[] { 1, 2 }).reshape(1, 2), torch.tensor(new float[] { 2, 1 }).reshape(1, 2), torch.tensor(new long[] { 0 }));
        var expected = 0.5 * 4 * Math.Tanh(0.25) * 0.5 + 0.5 * Math.Log(1 + Math.E);
        Assert.Equal(0.9015495, expected, 1e-6);
        Assert.Equal(expected, loss.item<float>(), 1e-5);
    }

    [Fact]
    public void AlphaZeroIsCrossEntropyAndTheTeacherGetsNoGradient()
    {
        var student = torch.tensor(new float[] { 0.3f, -1, 2, 0.5f, 0.1f, -0.2f }).reshape(2, 3).requires_grad_();
        var teacher = torch.tensor(new float[] { 1, 0, 0, 0, 1, 0 }).reshape(2, 3).requires_grad_();
        var labels = torch.tensor(new long[] { 2, 1 });
        var hardOnly = new DistillationLoss(3, 0).Forward(student, teacher, labels);
        Assert.Equal(torch.nn.functional.cross_entropy(student, labels).item<float>(), hardOnly.item<float>(), 1e-6);
        new DistillationLoss(3, 1).Forward(student, teacher, labels).backward();
        Assert.True(teacher.grad is null || teacher.grad.abs().sum().item<float>() == 0);
        Assert.True(student.grad!.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void BadSettingsAreRejected()
    {
        Assert.Equal("temperature", Assert.Throws<ArgumentException>(() => new DistillationLoss(0)).ParamName);
        Assert.Equal("alpha", Assert.Throws<ArgumentException>(() => new DistillationLoss(2, 1.5)).ParamName);
        Assert.Equal("teacherLogits", Assert.Throws<ArgumentException>(() =>
            new DistillationLoss().Forward(torch.zeros(2, 3), torch.zeros(2, 4), torch.zeros(2, torch.int64))).ParamName);
    }
}
