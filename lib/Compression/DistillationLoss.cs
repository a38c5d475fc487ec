using TorchSharp;
using static TorchSharp.torch;

namespace MLPrimer.Compression;

/// <summary>Hinton et al.'s knowledge-distillation loss: α · T² · KL(softmax(teacher/T) ‖ softmax(student/T)) + (1 − α) · cross-entropy(student, labels).</summary>
/// <remarks>The T² factor keeps the soft term's gradients the same size as the hard term's when T changes. KL is averaged over the batch ("batchmean").</remarks>
public sealed class DistillationLoss
{
    /// <summary>Creates the loss with a temperature T &gt; 0 and a soft-target weight α in [0, 1].</summary>
    public DistillationLoss(double temperature = 4.0, double alpha = 0.9)
    {
        if (!(temperature > 0) || double.IsInfinity(temperature))
            throw new ArgumentException($"temperature must be a positive finite number (got {temperature}).", nameof(temperature));
        if (!(alpha >= 0 && alpha <= 1)) throw new ArgumentException($"alpha must be in [0, 1] (got {alpha}).", nameof(alpha));
        Temperature = temperature;
        Alpha = alpha;
    }

    /// <summary>The softening temperature T.</summary>
    public double Temperature { get; }

    /// <summary>Weight α of the soft (teacher) term; 1 − α goes to the hard-label cross-entropy.</summary>
    public double Alpha { get; }

    /// <summary>The loss for a batch: student and teacher logits [batch, classes], integer labels [batch]; the teacher gets no gradient.</summary>
    public Tensor Forward(Tensor studentLogits, Tensor teacherLogits, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(studentLogits);
        ArgumentNullException.ThrowIfNull(teacherLogits);
        ArgumentNullException.ThrowIfNull(labels);
        if (!studentLogits.shape.SequenceEqual(teacherLogits.shape))
            throw new ArgumentException($"studentLogits and teacherLogits must have the same shape (got [{string.Join(",", studentLogits.shape)}] and [{string.Join(",", teacherLogits.shape)}]).", nameof(teacherLogits));
        var t = Temperature;
        var logStudent = nn.functional.log_softmax(studentLogits / t, dim: 1);
        var logTeacher = nn.functional.log_softmax(teacherLogits.detach() / t, dim: 1);
        var kl = (logTeacher.exp() * (logTeacher - logStudent)).sum(1).mean();
        var hard = nn.functional.cross_entropy(studentLogits, labels);
        return Alpha * t * t * kl + (1 - Alpha) * hard;
    }
}
