using System.Runtime.InteropServices;

namespace MLPrimer.Distributed;

/// <summary>A thin binding of the few MPI functions data-parallel training needs (init, rank, size, all-reduce, send-receive,
/// barrier, abort), called directly in MPICH's <c>libmpich.so.12</c> (Debian package <c>mpich</c>).</summary>
/// <remarks>MPICH passes communicators, datatypes and operations as 32-bit integer handles whose values are fixed by its ABI
/// (<c>mpi.h</c>: <c>MPI_COMM_WORLD = 0x44000000</c>, <c>MPI_FLOAT = 0x4c00040a</c>, <c>MPI_SUM = 0x58000003</c>), so a
/// P/Invoke declaration per function is the whole binding. Open MPI uses pointers for the same handles and is not
/// compatible. A process must be started by <c>mpiexec.mpich</c> (see <see cref="MpiLauncher"/>) for <see cref="Init"/> to
/// find its peers; started alone it is rank 0 of 1.</remarks>
public static class Mpi
{
    private const string Library = "libmpich.so.12";
    private const int CommWorld = 0x44000000;
    private const int Float = 0x4c00040a;
    private const int Double = 0x4c00080b;
    private const int Sum = 0x58000003;
    private const int Success = 0;
    private static readonly IntPtr InPlace = new(-1);
    private static readonly IntPtr StatusIgnore = new(1);

    [DllImport(Library, EntryPoint = "MPI_Init")] private static extern int NativeInit(IntPtr argc, IntPtr argv);
    [DllImport(Library, EntryPoint = "MPI_Initialized")] private static extern int NativeInitialized(out int flag);
    [DllImport(Library, EntryPoint = "MPI_Finalized")] private static extern int NativeFinalized(out int flag);
    [DllImport(Library, EntryPoint = "MPI_Finalize")] private static extern int NativeFinalize();
    [DllImport(Library, EntryPoint = "MPI_Comm_rank")] private static extern int NativeCommRank(int comm, out int rank);
    [DllImport(Library, EntryPoint = "MPI_Comm_size")] private static extern int NativeCommSize(int comm, out int size);
    [DllImport(Library, EntryPoint = "MPI_Barrier")] private static extern int NativeBarrier(int comm);
    [DllImport(Library, EntryPoint = "MPI_Abort")] private static extern int NativeAbort(int comm, int errorCode);
    [DllImport(Library, EntryPoint = "MPI_Allreduce")]
    private static extern unsafe int NativeAllreduce(IntPtr send, void* receive, int count, int datatype, int op, int comm);
    [DllImport(Library, EntryPoint = "MPI_Iallreduce")]
    private static extern unsafe int NativeIallreduce(IntPtr send, void* receive, int count, int datatype, int op, int comm, out int request);
    [DllImport(Library, EntryPoint = "MPI_Ibarrier")] private static extern int NativeIbarrier(int comm, out int request);
    [DllImport(Library, EntryPoint = "MPI_Test")] private static extern int NativeTest(ref int request, out int flag, IntPtr status);
    [DllImport("libc", EntryPoint = "usleep")] private static extern int Usleep(uint microseconds);
    [DllImport(Library, EntryPoint = "MPI_Sendrecv")]
    private static extern unsafe int NativeSendrecv(void* send, int sendCount, int sendType, int destination, int sendTag,
        void* receive, int receiveCount, int receiveType, int source, int receiveTag, int comm, IntPtr status);

    /// <summary>Initializes MPI for this process (MPI_Init); safe to call twice.</summary>
    public static void Init()
    {
        Check(NativeInitialized(out var done), "MPI_Initialized");
        if (done == 0) Check(NativeInit(IntPtr.Zero, IntPtr.Zero), "MPI_Init");
    }

    /// <summary>Shuts MPI down for this process (MPI_Finalize); every rank must call it before exiting normally.</summary>
    public static void Shutdown()
    {
        Check(NativeFinalized(out var done), "MPI_Finalized");
        if (done == 0) Check(NativeFinalize(), "MPI_Finalize");
    }

    /// <summary>This process's rank in MPI_COMM_WORLD (0 to <see cref="Size"/> - 1).</summary>
    public static int Rank { get { Check(NativeCommRank(CommWorld, out var r), "MPI_Comm_rank"); return r; } }

    /// <summary>The number of processes in MPI_COMM_WORLD.</summary>
    public static int Size { get { Check(NativeCommSize(CommWorld, out var s), "MPI_Comm_size"); return s; } }

    /// <summary>How a rank waits inside a collective: MPI's own busy-polling (the default), or polling that sleeps between checks.</summary>
    /// <remarks>MPICH waits by spinning on the CPU, which assumes one rank per free core. With more ranks than cores a spinning
    /// rank takes the core from the rank it waits for, and a collective can cost a scheduler time slice (milliseconds). With
    /// <c>true</c> the collectives are started non-blocking (MPI_Iallreduce, MPI_Ibarrier) and tested every ~20 µs, sleeping in between.</remarks>
    public static bool SleepWhileWaiting { get; set; }

    /// <summary>Blocks until every rank has called it (MPI_Barrier).</summary>
    public static void Barrier()
    {
        if (!SleepWhileWaiting) { Check(NativeBarrier(CommWorld), "MPI_Barrier"); return; }
        Check(NativeIbarrier(CommWorld, out var request), "MPI_Ibarrier");
        Wait(ref request);
    }

    /// <summary>Ends every process of the job with <paramref name="errorCode"/> (MPI_Abort).</summary>
    public static void Abort(int errorCode) => NativeAbort(CommWorld, errorCode);

    /// <summary>Replaces <paramref name="buffer"/> on every rank with the element-wise sum over all ranks (MPI_Allreduce, MPI_SUM, in place).</summary>
    public static unsafe void AllReduceSum(Span<float> buffer)
    {
        fixed (float* p = buffer) AllReduce(p, buffer.Length, Float);
    }

    /// <summary>Replaces <paramref name="buffer"/> on every rank with the element-wise sum over all ranks (MPI_Allreduce, MPI_SUM, in place).</summary>
    public static unsafe void AllReduceSum(Span<double> buffer)
    {
        fixed (double* p = buffer) AllReduce(p, buffer.Length, Double);
    }

    private static unsafe void AllReduce(void* buffer, int count, int datatype)
    {
        if (!SleepWhileWaiting) { Check(NativeAllreduce(InPlace, buffer, count, datatype, Sum, CommWorld), "MPI_Allreduce"); return; }
        Check(NativeIallreduce(InPlace, buffer, count, datatype, Sum, CommWorld, out var request), "MPI_Iallreduce");
        Wait(ref request);                                    // the caller keeps the buffer pinned until this returns
    }

    private static void Wait(ref int request)
    {
        for (var polls = 0; ; polls++)
        {
            Check(NativeTest(ref request, out var done, StatusIgnore), "MPI_Test");
            if (done != 0) return;
            if (polls >= 50) Usleep(20);                      // after a short spin, give the core away between checks
        }
    }

    /// <summary>Sends <paramref name="send"/> to rank <paramref name="destination"/> while receiving <paramref name="receive"/> from rank
    /// <paramref name="source"/> (MPI_Sendrecv, one step of a ring).</summary>
    public static unsafe void SendReceive(ReadOnlySpan<float> send, int destination, Span<float> receive, int source, int tag = 0)
    {
        fixed (float* s = send)
        fixed (float* r = receive)
            Check(NativeSendrecv(s, send.Length, Float, destination, tag, r, receive.Length, Float, source, tag, CommWorld, StatusIgnore),
                "MPI_Sendrecv");
    }

    private static void Check(int code, string function)
    {
        if (code != Success) throw new InvalidOperationException($"{function} failed with MPI error code {code}.");
    }
}
